import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  decodeCursor,
  encodeCursor,
  type CursorArgument,
  type CursorPosition,
  type SortValue,
  type SortValueKind,
} from './cursor';

/** A column a list can be ordered by, and how a row's value goes into a cursor. */
export interface OrderColumn<T> {
  readonly column: string;
  readonly kind: SortValueKind;
  readonly nullable: boolean;
  readonly collate?: string;
  readonly valueOf: (row: T) => SortValue;
}

/** One ordering of one list: its cursor key (`task:TITLE:ASC`), its column, its direction. */
export interface KeysetOrder<T> {
  readonly key: string;
  readonly column: OrderColumn<T>;
  readonly descending: boolean;
}

function sortExpression<T>(alias: string, order: KeysetOrder<T>): string {
  const { column, collate } = order.column;
  return `${alias}.${column}${collate ? ` COLLATE "${collate}"` : ''}`;
}

/** One ORDER BY term, in the pieces TypeORM's orderBy takes. */
interface OrderTerm {
  readonly sort: string;
  readonly direction: 'ASC' | 'DESC';
  readonly nulls?: 'NULLS FIRST' | 'NULLS LAST';
}

/**
 * The one definition of an ordering's ORDER BY: ties broken by id in the same direction;
 * nulls sort last. `reversed` is the same order read from its end (a backward page): every
 * direction flips, nulls first, so the same index serves it scanned backwards.
 */
function orderTerms<T>(alias: string, order: KeysetOrder<T>, reversed: boolean): OrderTerm[] {
  const direction = order.descending !== reversed ? 'DESC' : 'ASC';
  const nulls = order.column.nullable ? (reversed ? 'NULLS FIRST' : 'NULLS LAST') : undefined;
  return [
    { sort: sortExpression(alias, order), direction, ...(nulls ? { nulls } : {}) },
    { sort: `${alias}.id`, direction },
  ];
}

/** The ORDER BY as SQL text, for a window's `OVER (ORDER BY …)`. */
export function orderExpressions<T>(
  alias: string,
  order: KeysetOrder<T>,
  reversed = false,
): string[] {
  return orderTerms(alias, order, reversed).map(
    ({ sort, direction, nulls }) => `${sort} ${direction}${nulls ? ` ${nulls}` : ''}`,
  );
}

/** The ORDER BY on a query builder. */
export function applyOrder<T extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  order: KeysetOrder<R>,
  reversed = false,
): void {
  const [first, ...rest] = orderTerms(alias, order, reversed);
  qb.orderBy(first!.sort, first!.direction, first!.nulls);
  for (const term of rest) qb.addOrderBy(term.sort, term.direction, term.nulls);
}

export function decodePosition<T>(
  cursor: string | null | undefined,
  order: KeysetOrder<T>,
  argument: CursorArgument = 'after',
): CursorPosition | undefined {
  return decodeCursor(cursor, order.key, order.column.kind, order.column.nullable, argument);
}

export function cursorOf<T extends { id: string }>(row: T, order: KeysetOrder<T>): string {
  return encodeCursor(order.key, order.column.valueOf(row), row.id);
}

/**
 * Keyset pagination: rows strictly after (`after`) or strictly before (`before`) the
 * position in the ordering, nulls sorting last in either direction.
 */
export function applyKeyset<T extends ObjectLiteral, R>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  order: KeysetOrder<R>,
  position: CursorPosition | undefined,
  side: CursorArgument = 'after',
): void {
  if (!position) return;
  const col = order.column;
  const before = side === 'before';
  const cmp = order.descending !== before ? '<' : '>';
  const c = sortExpression(alias, order);
  const raw = `${alias}.${col.column}`;
  // A Date, not the ISO text: the driver writes years before 1 AD as PostgreSQL reads them
  // ('0001-… BC'), which a due date of year 0000 needs.
  const value =
    col.kind === 'date' && position.value !== null ? new Date(position.value) : position.value;
  const p = `${alias}_${before ? 'b' : 'k'}`;
  const params = { [`${p}v`]: value, [`${p}id`]: position.id };
  const v = `:${p}v`;
  const id = `:${p}id`;
  if (position.value === null) {
    // Among the nulls (last): after one, only nulls follow; before one, every value precedes.
    const nulls = `(${raw} IS NULL AND ${alias}.id ${cmp} ${id})`;
    qb.andWhere(before ? `(${raw} IS NOT NULL OR ${nulls})` : nulls, params);
    return;
  }
  const typed =
    col.kind === 'date'
      ? `CAST(${v} AS timestamptz)`
      : `${v}${col.collate ? ` COLLATE "${col.collate}"` : ''}`;
  const strict = `(${c}, ${alias}.id) ${cmp} (${typed}, ${id})`;
  qb.andWhere(col.nullable && !before ? `(${strict} OR ${raw} IS NULL)` : strict, params);
}
