import { setTimeout as sleep } from 'node:timers/promises';
import { MigrationExecutor, type DataSource } from 'typeorm';
import type { Logger } from '../log/logger';
import { RequestTransaction } from './request-transaction';

/** No token names this user (`sub` is 1-255 characters): row-level security shows it nothing. */
const PROBE_USER = '';

/** Every migration this build knows is applied: checked as the owner, who reads `migrations`. */
async function isMigrated(dataSource: DataSource): Promise<boolean> {
  const runner = dataSource.createQueryRunner();
  try {
    return !(await new MigrationExecutor(dataSource, runner).showMigrations());
  } finally {
    await runner.release();
  }
}

/**
 * What every request does first, the way it does it: a pooled connection, a transaction
 * opened as the app role for a user, and a parameterised statement (sent as a named
 * prepared statement when they are on). So a path requests cannot take fails readiness too.
 */
async function servesRequests(dataSource: DataSource, log: Logger): Promise<boolean> {
  const tx = await RequestTransaction.begin(dataSource, PROBE_USER, log);
  try {
    const [row] = await tx.query<{ visible: number }>(
      'SELECT count(*)::int AS visible FROM users WHERE id = $1',
      [PROBE_USER],
    );
    return row?.visible === 0;
  } finally {
    await tx.rollback();
  }
}

/**
 * True when the database answers, every migration this build knows is applied and a
 * request could be served. Each step's query runner is released whatever happens:
 * a failing probe every few seconds must not drain the pool.
 */
export async function isDatabaseReady(
  dataSource: DataSource,
  timeoutMs: number,
  log: Logger,
): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  const check = async () => (await isMigrated(dataSource)) && servesRequests(dataSource, log);
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
