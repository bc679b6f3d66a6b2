import type { TaskRow } from './api';

export type OrderField = 'CREATED_AT' | 'UPDATED_AT' | 'DUE_AT' | 'PRIORITY' | 'TITLE';
export type Direction = 'ASC' | 'DESC';

export const ORDER_FIELDS: OrderField[] = [
  'CREATED_AT',
  'UPDATED_AT',
  'DUE_AT',
  'PRIORITY',
  'TITLE',
];
export const ORDERINGS = ORDER_FIELDS.flatMap((field) =>
  (['ASC', 'DESC'] as Direction[]).map((direction) => ({ field, direction })),
);

const RANK = { LOW: 0, MEDIUM: 1, HIGH: 2, URGENT: 3 } as const;

function sortKey(task: TaskRow, field: OrderField): number | string | null {
  switch (field) {
    case 'CREATED_AT':
      return Date.parse(task.createdAt);
    case 'UPDATED_AT':
      return Date.parse(task.updatedAt);
    case 'DUE_AT':
      return task.dueAt === null ? null : Date.parse(task.dueAt);
    case 'PRIORITY':
      return RANK[task.priority];
    case 'TITLE':
      return task.title;
  }
}

function compareKeys(a: number | string, b: number | string): number {
  // TITLE is byte order (COLLATE "C"): UTF-8 bytes, not JavaScript's UTF-16 code units.
  if (typeof a === 'string' && typeof b === 'string') {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
  }
  return (a as number) - (b as number);
}

/**
 * The order the contract promises: nulls last in both directions, ties broken by id in the
 * same direction (uuids compare as their lower-case text).
 */
export function expectedOrder(
  tasks: readonly TaskRow[],
  order: { field: OrderField; direction: Direction },
): TaskRow[] {
  const sign = order.direction === 'ASC' ? 1 : -1;
  return [...tasks].sort((a, b) => {
    const ka = sortKey(a, order.field);
    const kb = sortKey(b, order.field);
    if (ka === null || kb === null) {
      if (ka !== kb) return ka === null ? 1 : -1;
    } else {
      const byKey = compareKeys(ka, kb);
      if (byKey !== 0) return sign * byKey;
    }
    return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}
