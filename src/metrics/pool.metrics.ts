import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** The parts of node-postgres's Pool we read; TypeORM keeps it as the driver's `master`. */
interface PgPool {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

function poolOf(dataSource: DataSource): PgPool | undefined {
  const master = (dataSource.driver as unknown as { master?: Partial<PgPool> }).master;
  return typeof master?.totalCount === 'number' ? (master as PgPool) : undefined;
}

/** Read at scrape time: a pool with clients waiting is the first sign of too few connections. */
export function registerPoolMetrics(registry: Registry, dataSource: DataSource): void {
  const gauge = (name: string, help: string, read: (pool: PgPool) => number) =>
    new Gauge({
      name: `task_api_db_pool_${name}`,
      help,
      registers: [registry],
      collect() {
        const pool = dataSource.isInitialized ? poolOf(dataSource) : undefined;
        this.set(pool ? read(pool) : 0);
      },
    });
  gauge('connections', 'Connections the pool holds, busy or idle.', (p) => p.totalCount);
  gauge('idle_connections', 'Connections open and free.', (p) => p.idleCount);
  gauge('waiting_clients', 'Queries waiting for a free connection.', (p) => p.waitingCount);
}
