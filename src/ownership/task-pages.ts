import DataLoader from 'dataloader';
import type { SelectQueryBuilder } from 'typeorm';
import type { TaskFilterValues } from '../domain/task-filter';
import type { TaskOrderValues } from '../domain/task-order';
import type { RequestTransaction } from '../db/request-transaction';
import { TaskTagEntity } from '../entities/task-tag.entity';
import { TaskEntity } from '../entities/task.entity';
import { emptyPage, lazy, toPage, type ConnectionSource, type Page } from '../pagination/page';
import { loadTasks, type PrefetchTargets } from './load-tasks';
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
import type { TaskPrefetch } from './task-prefetch';

export interface TaskListArgs {
  readonly filter?: TaskFilterValues | null;
  readonly order: TaskOrderValues;
  /** The page size: from the start, or from the end with `fromEnd` (Relay's `last`). */
  readonly first: number;
  readonly after?: string | null;
  readonly before?: string | null;
  readonly fromEnd?: boolean;
}

/** The parent a nested task list hangs from. */
export type TaskParent = 'project' | 'tag';

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

/**
 * The viewer's task lists, one page at a time, and their counts: the top-level list and
 * the lists under each project or tag. Reads by id and writes are TaskStore's.
 */
export class TaskPages {
  /** One loader per parent kind and argument set, so sibling lists share a statement. */
  private readonly nested = new Map<
    string,
    DataLoader<string, { page: Page<TaskEntity>; count?: number }>
  >();
  private readonly counts = new Map<string, DataLoader<string, number>>();
  private readonly targets: PrefetchTargets;

  constructor(
    private readonly tx: RequestTransaction,
    private readonly scope: OwnerScope,
    projects: ProjectStore,
    tags: TagStore,
  ) {
    this.targets = { requestScope: tx.requestScope, projects, tags };
  }

  private query(alias = 't'): SelectQueryBuilder<TaskEntity> {
    return this.scope.apply(this.tx.manager.createQueryBuilder(TaskEntity, alias), alias);
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
        const rows = await loadTasks(qb.limit(args.first + 1), 't', prefetch, this.targets);
        return toPage(rows, args.first, (task) => taskCursor(task, args.order), args.fromEnd);
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
}
