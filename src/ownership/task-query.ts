import type { SelectQueryBuilder } from 'typeorm';
import { PRIORITY_RANK } from '../domain/priority';
import type { TaskFilterValues } from '../domain/task-filter';
import { SortDirection, TaskOrderField, type TaskOrderValues } from '../domain/task-order';
import type { TaskEntity } from '../entities/task.entity';
import { BadUserInputError } from '../errors/errors';
import type { CursorArgument, CursorPosition } from '../pagination/cursor';
import {
  applyKeyset,
  applyOrder,
  cursorOf,
  decodePosition,
  orderExpressions as keysetOrderExpressions,
  type KeysetOrder,
  type OrderColumn,
} from '../pagination/keyset';
import { isId } from '../validation/ids';
import { TASK_SEARCH_MAX } from '../domain/text-limits';

const ORDER_COLUMNS: Record<TaskOrderField, OrderColumn<TaskEntity>> = {
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

/** A task ordering as the keyset helpers take it; its key is what cursors carry. */
export function taskKeyset(order: TaskOrderValues): KeysetOrder<TaskEntity> {
  return {
    key: `task:${order.field}:${order.direction}`,
    column: ORDER_COLUMNS[order.field],
    descending: order.direction === SortDirection.DESC,
  };
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
    if (filter.search.length > TASK_SEARCH_MAX) {
      throw new BadUserInputError(
        `filter.search must be at most ${TASK_SEARCH_MAX} characters`,
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

/** The ORDER BY expressions for an ordering (`reversed`: read from its end). */
export function orderExpressions(
  alias: string,
  order: TaskOrderValues,
  reversed = false,
): string[] {
  return keysetOrderExpressions(alias, taskKeyset(order), reversed);
}

export function applyTaskOrder(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  order: TaskOrderValues,
  reversed = false,
): void {
  applyOrder(qb, alias, taskKeyset(order), reversed);
}

export function decodeTaskCursor(
  cursor: string | null | undefined,
  order: TaskOrderValues,
  argument: CursorArgument = 'after',
): CursorPosition | undefined {
  return decodePosition(cursor, taskKeyset(order), argument);
}

export function taskCursor(task: TaskEntity, order: TaskOrderValues): string {
  return cursorOf(task, taskKeyset(order));
}

/** Keyset pagination: rows strictly after (or before) the cursor in the ordering. */
export function applyTaskKeyset(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  order: TaskOrderValues,
  position: CursorPosition | undefined,
  side: CursorArgument = 'after',
): void {
  applyKeyset(qb, alias, taskKeyset(order), position, side);
}
