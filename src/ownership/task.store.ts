import DataLoader from 'dataloader';
import type { SelectQueryBuilder } from 'typeorm';
import type { Priority } from '../domain/priority';
import type { TaskFilterValues } from '../domain/task-filter';
import type { TaskOrderValues } from '../domain/task-order';
import type { RequestTransaction } from '../db/request-transaction';
import { TaskTagEntity } from '../entities/task-tag.entity';
import { TaskEntity } from '../entities/task.entity';
import { NotFoundError } from '../errors/errors';
import { lazy, toPage, type ConnectionSource, type Page } from '../pagination/page';
import { isId } from '../validation/ids';
import { definedOnly } from './defined-only';
import type { OwnerScope } from './owner-scope';
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
import type { UserStore } from './user.store';

export interface TaskListArgs {
  readonly filter?: TaskFilterValues | null;
  readonly order: TaskOrderValues;
  readonly first: number;
  readonly after?: string | null;
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
    this.byId = new DataLoader(async (ids) => {
      const rows = await this.query().andWhere('t.id IN (:...ids)', { ids }).getMany();
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  private query(alias = 't'): SelectQueryBuilder<TaskEntity> {
    return this.scope.apply(this.tx.manager.createQueryBuilder(TaskEntity, alias), alias);
  }

  async find(id: string): Promise<TaskEntity | null> {
    return isId(id) ? this.byId.load(id.toLowerCase()) : null;
  }

  async get(id: string): Promise<TaskEntity> {
    const task = await this.find(id);
    if (!task) throw new NotFoundError();
    return task;
  }

  /** The viewer's tasks, filtered and ordered, one page at a time. */
  list(args: TaskListArgs): ConnectionSource<TaskEntity> {
    const position = decodeTaskCursor(args.after, args.order);
    return {
      page: lazy(async () => {
        const qb = this.query();
        applyTaskFilter(qb, 't', args.filter);
        applyTaskKeyset(qb, 't', args.order, position);
        applyTaskOrder(qb, 't', args.order);
        const rows = await qb.limit(args.first + 1).getMany();
        return toPage(rows, args.first, (task) => taskCursor(task, args.order));
      }),
      totalCount: lazy(() => {
        const qb = this.query();
        applyTaskFilter(qb, 't', args.filter);
        return qb.getCount();
      }),
    };
  }

  /** Tasks of one project or tag; the lists of all parents in a response load together. */
  listUnder(
    parent: TaskParent,
    parentId: string,
    args: TaskListArgs,
  ): ConnectionSource<TaskEntity> {
    const position = decodeTaskCursor(args.after, args.order);
    const key = `${parent}|${JSON.stringify([args.filter ?? null, args.order, args.first, args.after ?? null])}`;
    let pages = this.nested.get(key);
    if (!pages) {
      pages = new DataLoader(async (ids) => {
        const grouped = await this.pagesUnder(parent, ids, args, position);
        return ids.map((id) => ({
          page: grouped.get(id) ?? { nodes: [], cursors: [], hasNextPage: false },
        }));
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
      qb.andWhere('t.project_id IN (:...parentIds)', { parentIds: ids });
      return 't.project_id';
    }
    qb.innerJoin(TaskTagEntity, 'tt', 'tt.task_id = t.id AND tt.owner_id = t.owner_id').andWhere(
      'tt.tag_id IN (:...parentIds)',
      { parentIds: ids },
    );
    return 'tt.tag_id';
  }

  /** One statement: a window per parent keeps the first N+1 rows of each. */
  private async pagesUnder(
    parent: TaskParent,
    ids: readonly string[],
    args: TaskListArgs,
    position: ReturnType<typeof decodeTaskCursor>,
  ): Promise<Map<string, Page<TaskEntity>>> {
    const { entities, raw } = await this.query('task')
      .innerJoin(
        (sub: SelectQueryBuilder<TaskEntity>) => {
          const inner = this.scope.apply(sub.from(TaskEntity, 't'), 't');
          const parentColumn = this.parentColumn(parent, inner, ids);
          applyTaskFilter(inner, 't', args.filter);
          applyTaskKeyset(inner, 't', args.order, position);
          return inner
            .select('t.id', 'id')
            .addSelect(parentColumn, 'parent')
            .addSelect(
              `row_number() OVER (PARTITION BY ${parentColumn} ORDER BY ${orderExpressions('t', args.order).join(', ')})`,
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
        toPage(list, args.first, (task) => taskCursor(task, args.order)),
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
    this.byId.clear(task.id);
    return this.get(task.id);
  }

  async delete(id: string): Promise<string> {
    const task = await this.get(id);
    await this.tx.manager.delete(TaskEntity, { id: task.id, ...this.scope.criteria() });
    this.byId.clear(task.id);
    return task.id;
  }

  private async link(taskId: string, tagIds: readonly string[]): Promise<void> {
    if (tagIds.length === 0) return;
    const links = tagIds.map((tagId) => this.tx.manager.create(TaskTagEntity, { taskId, tagId }));
    await this.tx.manager.insert(TaskTagEntity, links);
  }
}
