import type { DataSource } from 'typeorm';

/** The most connections the DataSource's pool opens: DB_POOL_MAX, or PGlite's own number. */
export function poolSize(dataSource: DataSource): number {
  return (dataSource.driver as unknown as { master: { options: { max: number } } }).master.options
    .max;
}
