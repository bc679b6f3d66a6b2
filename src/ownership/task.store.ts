import DataLoader from 'dataloader';
import type { SelectQueryBuilder } from 'typeorm';
import type { Priority } from '../domain/priority';
import type { TaskFilterValues } from '../domain/task-filter';
import type { TaskOrderValues } from '../domain/task-order';
import type { RequestTransaction } from '../db/request-transaction';
import { TaskTagEntity } from '../entities/task-tag.entity';
import { TaskEntity } from '../entities/task.entity';
import { NotFoundError } from '../errors/errors';
import { emptyPage, lazy, toPage, type ConnectionSource, type Page } from '../pagination/page';
import { isId } from '../validation/ids';
import { byIdBatch } from './by-id-batch';
import { definedOnly } from './defined-only';
import type { OwnerScope } from './owner-scope';
import { assertOwnedBy } from './ownership-violation';
import type { ProjectStore } from './project.store';
import type { TagStore } from './tag.store';
import {
  applyTaskFilter,
  applyTaskKeyset,
  applyTaskOrder,
  decodeTaskCursor,
  orderExpressions,
  taskCursor,
} from './task-query';
import { addPrefetch, readPrefetch, type TaskPrefetch } from './task-prefetch';
import type { UserStore } from './user.store';

export interface TaskListArgs {
  readonly filter?: TaskFilterValues | null;
  readonly order: TaskOrderValues;
  /** The page size: from the start, or from the end with `fromEnd` (Relay's `last`). */
  readonly first: number;
  readonly after?: string | null;
  readonly before?: string | null;
  readonly fromEnd?: boolean;
}

/** The cursors of a list's arguments, checked before anything is read. */
function positionsOf(args: TaskListArgs) {
  return {
    after: decodeTaskCursor(args.after, args.order),
    before: decodeTaskCursor(args.before, args.order, 'before'),
  };
}

/** Filter, both cursor bounds and the order (reversed for a page from the end). */
function applyListQuery(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  args: TaskListArgs,
  positions: ReturnType<typeof positionsOf>,
): void {
  applyTaskFilter(qb, alias, args.filter);
  applyTaskKeyset(qb, alias, args.order, positions.after);
  applyTaskKeyset(qb, alias, args.order, positions.before, 'before');
}

export interface TaskValues {
  readonly title: string;
  readonly description: string | null;
  readonly priority: Priority;
  readonly dueAt: Date | null;
  readonly projectId: string | null;
  readonly tagIds: readonly string[];
}

export interface TaskChanges {
  readonly title?: string;
  readonly description?: string | null;
  readonly completed?: boolean;
  readonly priority?: Priority;
  readonly dueAt?: Date | null;
  readonly projectId?: string | null;
  readonly tagIds?: readonly string[];
}

/** The parent a nested task list hangs from. */
export type TaskParent = 'project' | 'tag';

/** The viewer's tasks, and nobody else's: every read and write adds the owner condition. */
export class TaskStore {
  private readonly byId: DataLoader<string, TaskEntity | null>;
  /** By id with relations read along (task-prefetch.ts), one loader per set of relations. */
  private readonly byIdWith = new Map<string, DataLoader<string, TaskEntity | null>>();
  /** One loader per parent kind and argument set, so sibling lists share a statement. */
  private readonly nested = new Map<
    string,
    DataLoader<string, { page: Page<TaskEntity>; count?: number }>
  >();
  private readonly counts = new Map<string, DataLoader<string, number>>();

  constructor(
    private readonly tx: RequestTransaction,
    private readonly scope: OwnerScope,
    private readonly users: UserStore,
    private readonly projects: ProjectStore,
    private readonly tags: TagStore,
  ) {
    this.byId = new DataLoader(byIdBatch(() => this.query(), 't'));
  }

  private query(alias = 't'): SelectQueryBuilder<TaskEntity> {
    return this.scope.apply(this.tx.manager.createQueryBuilder(TaskEntity, alias), alias);
  }

  /** null for a missing id, a malformed one, and someone else's alike. */
  async find(id: string, prefetch: TaskPrefetch = {}): Promise<TaskEntity | null> {
    if (!isId(id)) return null;
    const key = id.toLowerCase();
    if (!prefetch.project && !prefetch.tags) return this.byId.load(key);
    const shape = `${prefetch.project === true}|${prefetch.tags === true}`;
    let loader = this.byIdWith.get(shape);
    if (!loader) {
      loader = new DataLoader(
        byIdBatch(
          () => this.query(),
          't',
          (qb) => this.loadWith(qb, 't', prefetch),
        ),
      );
      this.byIdWith.set(shape, loader);
    }
    // Later reads by id (a mutation's get, say) go through the plain loader: prime it too.
    const task = await loader.load(key);
    if (task) this.byId.prime(key, task);
    return task;
  }

  async get(id: string): Promise<TaskEntity> {
    const task = await this.find(id);
    if (!task) throw new NotFoundError();
    return task;
  }

  /**
   * The viewer's tasks, filtered and ordered, one page at a time; with `prefetch`, each
   * task's project and tags come in the same statement (see task-prefetch.ts).
   */
  list(args: TaskListArgs, prefetch: TaskPrefetch = {}): ConnectionSource<TaskEntity> {
    const positions = positionsOf(args);
    return {
      page: lazy(async () => {
        const qb = this.query();
        applyListQuery(qb, 't', args, positions);
        applyTaskOrder(qb, 't', args.order, args.fromEnd);
        const rows = await this.loadWith(qb.limit(args.first + 1), 't', prefetch);
        return toPage(rows, args.first, (task) => taskCursor(task, args.order), args.fromEnd);
      }),
      totalCount: lazy(() => {
        const qb = this.query();
        applyTaskFilter(qb, 't', args.filter);
        return qb.getCount();
      }),
    };
  }

  /** A changed or deleted task: no loader may answer its old row again in this request. */
  private forget(id: string): void {
    this.byId.clear(id);
    for (const loader of this.byIdWith.values()) loader.clear(id);
  }

  /** Runs a task query; prefetched relations go into the project and tag loaders' caches. */
  private async loadWith(
    qb: SelectQueryBuilder<TaskEntity>,
    alias: string,
    prefetch: TaskPrefetch,
  ): Promise<TaskEntity[]> {
    if (!prefetch.project && !prefetch.tags) return qb.getMany();
    addPrefetch(qb, alias, prefetch);
    const { entities, raw } = await qb.getRawAndEntities();
    const rows = new Map(
      (raw as Record<string, unknown>[]).map((row) => [row[`${alias}_id`], row]),
    );
    const { guard } = this.tx;
    for (const task of entities) {
      const row = rows.get(task.id);
      if (!row) continue;
      const { project, tags } = readPrefetch(row);
      // The same backstop as OwnerSubscriber.afterLoad, which never sees these rows.
      if (project) {
        assertOwnedBy(guard, 'projects', project.ownerId);
        this.projects.prime(project);
      }
      if (tags) {
        for (const tag of tags) assertOwnedBy(guard, 'tags', tag.ownerId);
        this.tags.primeTask(task.id, tags);
      }
    }
    return entities;
  }

  /** Tasks of one project or tag; the lists of all parents in a response load together. */
  listUnder(
    parent: TaskParent,
    parentId: string,
    args: TaskListArgs,
  ): ConnectionSource<TaskEntity> {
    const positions = positionsOf(args);
    const key = `${parent}|${JSON.stringify([args.filter ?? null, args.order, args.first, args.after ?? null, args.before ?? null, args.fromEnd === true])}`;
    let pages = this.nested.get(key);
    if (!pages) {
      pages = new DataLoader(async (ids) => {
        const grouped = await this.pagesUnder(parent, ids, args, positions);
        return ids.map((id) => ({ page: grouped.get(id) ?? emptyPage<TaskEntity>() }));
      });
      this.nested.set(key, pages);
    }
    const countKey = `${parent}|${JSON.stringify(args.filter ?? null)}`;
    let counts = this.counts.get(countKey);
    if (!counts) {
      counts = new DataLoader(async (ids) => {
        const found = await this.countsUnder(parent, ids, args.filter);
        return ids.map((id) => found.get(id) ?? 0);
      });
      this.counts.set(countKey, counts);
    }
    const loaded = pages;
    const counted = counts;
    return {
      page: lazy(async () => (await loaded.load(parentId)).page),
      totalCount: lazy(() => counted.load(parentId)),
    };
  }

  private parentColumn(
    parent: TaskParent,
    qb: SelectQueryBuilder<TaskEntity>,
    ids: readonly string[],
  ): string {
    if (parent === 'project') {
      qb.andWhere('t.project_id = ANY(:parentIds)', { parentIds: ids });
      return 't.project_id';
    }
    qb.innerJoin(TaskTagEntity, 'tt', 'tt.task_id = t.id AND tt.owner_id = t.owner_id').andWhere(
      'tt.tag_id = ANY(:parentIds)',
      { parentIds: ids },
    );
    return 'tt.tag_id';
  }

  /** One statement: a window per parent keeps the first N+1 rows of each. */
  private async pagesUnder(
    parent: TaskParent,
    ids: readonly string[],
    args: TaskListArgs,
    positions: ReturnType<typeof positionsOf>,
  ): Promise<Map<string, Page<TaskEntity>>> {
    const { entities, raw } = await this.query('task')
      .innerJoin(
        (sub: SelectQueryBuilder<TaskEntity>) => {
          const inner = this.scope.apply(sub.from(TaskEntity, 't'), 't');
          const parentColumn = this.parentColumn(parent, inner, ids);
          applyListQuery(inner, 't', args, positions);
          return inner
            .select('t.id', 'id')
            .addSelect(parentColumn, 'parent')
            .addSelect(
              `row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${orderExpressions('t', args.order, args.fromEnd).join(', ')})`,
              'rn',
            );
        },
        'w',
        'w.id = task.id',
      )
      .addSelect('w.parent', 'w_parent')
      .addSelect('w.rn', 'w_rn')
      .andWhere('w.rn <= :limit', { limit: args.first + 1 })
      .orderBy('w.parent')
      .addOrderBy('w.rn')
      .getRawAndEntities();
    const tasks = new Map(entities.map((task) => [task.id, task]));
    const rows = new Map<string, TaskEntity[]>();
    for (const row of raw as { w_parent: string; task_id: string }[]) {
      const task = tasks.get(row.task_id);
      if (!task) continue;
      const list = rows.get(row.w_parent) ?? [];
      list.push(task);
      rows.set(row.w_parent, list);
    }
    const pages = new Map<string, Page<TaskEntity>>();
    for (const [parentId, list] of rows) {
      pages.set(
        parentId,
        toPage(list, args.first, (task) => taskCursor(task, args.order), args.fromEnd),
      );
    }
    return pages;
  }

  private async countsUnder(
    parent: TaskParent,
    ids: readonly string[],
    filter: TaskFilterValues | null | undefined,
  ): Promise<Map<string, number>> {
    const qb = this.query();
    const parentColumn = this.parentColumn(parent, qb, ids);
    applyTaskFilter(qb, 't', filter);
    const rows = (await qb
      .select(parentColumn, 'parent')
      .addSelect('count(*)::int', 'count')
      .groupBy(parentColumn)
      .getRawMany()) as { parent: string; count: number }[];
    return new Map(rows.map((row) => [row.parent, Number(row.count)]));
  }

  /** Writes check every referenced project and tag is the caller's, inside the transaction. */
  async create(values: TaskValues): Promise<TaskEntity> {
    await this.users.ensure();
    if (values.projectId !== null) await this.projects.get(values.projectId);
    const tags = await this.tags.getAll(values.tagIds);
    const { tagIds: _tagIds, ...columns } = values;
    const task = await this.tx.manager.save(this.tx.manager.create(TaskEntity, columns));
    await this.link(
      task.id,
      tags.map((tag) => tag.id),
    );
    return this.get(task.id);
  }

  async update(id: string, changes: TaskChanges): Promise<TaskEntity> {
    const task = await this.get(id);
    const { tagIds, ...columns } = definedOnly(changes);
    if (columns.projectId !== undefined && columns.projectId !== null) {
      columns.projectId = (await this.projects.get(columns.projectId)).id;
    }
    const tags = tagIds === undefined ? undefined : await this.tags.getAll(tagIds);
    await this.tx.manager
      .createQueryBuilder()
      .update(TaskEntity)
      .set({ ...columns, updatedAt: () => 'clock_timestamp()' })
      .where({ id: task.id, ...this.scope.criteria() })
      .execute();
    if (tags) {
      await this.tx.manager.delete(TaskTagEntity, { taskId: task.id, ...this.scope.criteria() });
      await this.link(
        task.id,
        tags.map((tag) => tag.id),
      );
      this.tags.forgetTask(task.id);
    }
    this.forget(task.id);
    return this.get(task.id);
  }

  async delete(id: string): Promise<string> {
    const task = await this.get(id);
    await this.tx.manager.delete(TaskEntity, { id: task.id, ...this.scope.criteria() });
    this.forget(task.id);
    return task.id;
  }

  private async link(taskId: string, tagIds: readonly string[]): Promise<void> {
    if (tagIds.length === 0) return;
    const links = tagIds.map((tagId) => this.tx.manager.create(TaskTagEntity, { taskId, tagId }));
    await this.tx.manager.insert(TaskTagEntity, links);
  }
}
