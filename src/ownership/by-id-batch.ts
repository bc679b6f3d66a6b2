import type DataLoader from 'dataloader';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * The batch behind a store's by-id loader: every id asked for in one tick read in one
 * statement on the owner-scoped `query`, each answered with its row or null (missing and
 * someone else's alike). `read` runs the statement; a store reading relations along passes its own.
 */
export function byIdBatch<T extends ObjectLiteral & { id: string }>(
  query: () => SelectQueryBuilder<T>,
  alias: string,
  read: (qb: SelectQueryBuilder<T>) => Promise<T[]> = (qb) => qb.getMany(),
): DataLoader.BatchLoadFn<string, T | null> {
  return async (ids) => {
    const rows = await read(query().andWhere(`${alias}.id = ANY(:ids)`, { ids }));
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  };
}
