import type { SelectQueryBuilder } from 'typeorm';
import { PRIORITY_RANK } from '../domain/priority';
import type { TaskFilterValues } from '../domain/task-filter';
import { SortDirection, TaskOrderField, type TaskOrderValues } from '../domain/task-order';
import type { TaskEntity } from '../entities/task.entity';
import { BadUserInputError } from '../errors/errors';
import {
  decodeCursor,
  encodeCursor,
  type CursorPosition,
  type SortValue,
} from '../pagination/cursor';
import { isId } from '../validation/ids';

export const MAX_SEARCH_LENGTH = 200;

interface OrderColumn {
  readonly column: string;
  readonly kind: 'date' | 'number' | 'string';
  readonly nullable: boolean;
  readonly collate?: string;
  readonly valueOf: (task: TaskEntity) => SortValue;
}

const ORDER_COLUMNS: Record<TaskOrderField, OrderColumn> = {
  CREATED_AT: {
    column: 'created_at',
    kind: 'date',
    nullable: false,
    valueOf: (t) => t.createdAt.toISOString(),
  },
  UPDATED_AT: {
    column: 'updated_at',
    kind: 'date',
    nullable: false,
    valueOf: (t) => t.updatedAt.toISOString(),
  },
  DUE_AT: {
    column: 'due_at',
    kind: 'date',
    nullable: true,
    valueOf: (t) => t.dueAt?.toISOString() ?? null,
  },
  PRIORITY: {
    column: 'priority',
    kind: 'number',
    nullable: false,
    valueOf: (t) => PRIORITY_RANK[t.priority],
  },
  // Byte order: the same on every database whatever its default collation.
  TITLE: {
    column: 'title',
    kind: 'string',
    nullable: false,
    collate: 'C',
    valueOf: (t) => t.title,
  },
};

function orderingKey(order: TaskOrderValues): string {
  return `task:${order.field}:${order.direction}`;
}

/** `%` and `_` in a search are literal characters, not wildcards. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Adds a TaskFilter's conditions. Ids that cannot exist match nothing rather than failing. */
export function applyTaskFilter(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  filter: TaskFilterValues | null | undefined,
): void {
  if (!filter) return;
  const p = `${alias}_f`;
  if (filter.completed !== undefined && filter.completed !== null) {
    qb.andWhere(`${alias}.completed = :${p}completed`, { [`${p}completed`]: filter.completed });
  }
  if (filter.projectId !== undefined && filter.projectId !== null) {
    if (!isId(filter.projectId)) qb.andWhere('false');
    else qb.andWhere(`${alias}.project_id = :${p}project`, { [`${p}project`]: filter.projectId });
  }
  if (filter.tagId !== undefined && filter.tagId !== null) {
    if (!isId(filter.tagId)) qb.andWhere('false');
    else {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM task_tags ${p}tt WHERE ${p}tt.task_id = ${alias}.id AND ${p}tt.owner_id = ${alias}.owner_id AND ${p}tt.tag_id = :${p}tag)`,
        { [`${p}tag`]: filter.tagId },
      );
    }
  }
  if (filter.priority !== undefined && filter.priority !== null) {
    qb.andWhere(`${alias}.priority = :${p}priority`, {
      [`${p}priority`]: PRIORITY_RANK[filter.priority],
    });
  }
  if (filter.search !== undefined && filter.search !== null) {
    if (filter.search.length > MAX_SEARCH_LENGTH) {
      throw new BadUserInputError(
        `filter.search must be at most ${MAX_SEARCH_LENGTH} characters`,
        'filter.search',
      );
    }
    // PostgreSQL text cannot hold NUL: the query would fail rather than match nothing.
    if (filter.search.includes('\u0000')) {
      throw new BadUserInputError('filter.search must not contain NUL characters', 'filter.search');
    }
    qb.andWhere(
      `(${alias}.title ILIKE :${p}search ESCAPE '\\' OR ${alias}.description ILIKE :${p}search ESCAPE '\\')`,
      { [`${p}search`]: likePattern(filter.search) },
    );
  }
  if (filter.dueBefore)
    qb.andWhere(`${alias}.due_at < :${p}before`, { [`${p}before`]: filter.dueBefore });
  if (filter.dueAfter)
    qb.andWhere(`${alias}.due_at > :${p}after`, { [`${p}after`]: filter.dueAfter });
}

/** The ORDER BY expressions for an ordering, ties broken by id in the same direction. */
export function orderExpressions(alias: string, order: TaskOrderValues): string[] {
  const col = ORDER_COLUMNS[order.field];
  const dir = order.direction === SortDirection.DESC ? 'DESC' : 'ASC';
  const expr = `${alias}.${col.column}${col.collate ? ` COLLATE "${col.collate}"` : ''}`;
  return [`${expr} ${dir}${col.nullable ? ' NULLS LAST' : ''}`, `${alias}.id ${dir}`];
}

export function applyTaskOrder(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  order: TaskOrderValues,
): void {
  const col = ORDER_COLUMNS[order.field];
  const dir = order.direction === SortDirection.DESC ? 'DESC' : 'ASC';
  const expr = `${alias}.${col.column}${col.collate ? ` COLLATE "${col.collate}"` : ''}`;
  qb.orderBy(expr, dir, col.nullable ? 'NULLS LAST' : undefined).addOrderBy(`${alias}.id`, dir);
}

export function decodeTaskCursor(
  after: string | null | undefined,
  order: TaskOrderValues,
): CursorPosition | undefined {
  const col = ORDER_COLUMNS[order.field];
  return decodeCursor(after, orderingKey(order), col.kind, col.nullable);
}

export function taskCursor(task: TaskEntity, order: TaskOrderValues): string {
  return encodeCursor(orderingKey(order), ORDER_COLUMNS[order.field].valueOf(task), task.id);
}

/** Keyset pagination: rows strictly after the cursor in the ordering (nulls sort last). */
export function applyTaskKeyset(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  order: TaskOrderValues,
  after: CursorPosition | undefined,
): void {
  if (!after) return;
  const col = ORDER_COLUMNS[order.field];
  const cmp = order.direction === SortDirection.DESC ? '<' : '>';
  const collate = col.collate ? ` COLLATE "${col.collate}"` : '';
  const c = `${alias}.${col.column}${collate}`;
  // A Date, not the ISO text: the driver writes years before 1 AD as PostgreSQL reads them
  // ('0001-… BC'), which a due date of year 0000 needs.
  const value = col.kind === 'date' && after.value !== null ? new Date(after.value) : after.value;
  const params = { [`${alias}_kv`]: value, [`${alias}_kid`]: after.id };
  const v = `:${alias}_kv`;
  const id = `:${alias}_kid`;
  if (after.value === null) {
    qb.andWhere(`(${alias}.${col.column} IS NULL AND ${alias}.id ${cmp} ${id})`, params);
    return;
  }
  const typed = col.kind === 'date' ? `CAST(${v} AS timestamptz)` : `${v}${collate}`;
  const strict = `(${c}, ${alias}.id) ${cmp} (${typed}, ${id})`;
  qb.andWhere(col.nullable ? `(${strict} OR ${alias}.${col.column} IS NULL)` : strict, params);
}
