import { setTimeout as sleep } from 'node:timers/promises';
import { MigrationExecutor, type DataSource } from 'typeorm';

/**
 * True when the database answers and every migration this build knows is applied. Runs
 * DataSource.showMigrations' check on a query runner of our own, released whatever
 * happens: showMigrations leaves its runner (a pooled connection) out when a query fails,
 * and a failing probe every few seconds would then drain the pool.
 */
export async function isDatabaseReady(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  const check = async () => {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.query('SELECT 1');
      return !(await new MigrationExecutor(dataSource, runner).showMigrations());
    } finally {
      await runner.release();
    }
  };
  const abort = new AbortController();
  try {
    return await Promise.race([
      check(),
      sleep(timeoutMs, false, { signal: abort.signal }).catch(() => false),
    ]);
  } finally {
    abort.abort();
  }
}
