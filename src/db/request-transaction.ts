import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Logger } from '../log/logger';
import { APP_ROLE, USER_SETTING } from './app-role';

/**
 * One database transaction per request, on one pooled connection, with the role and the
 * user set by `set_config(..., true)`: both end with the transaction, so nothing bleeds
 * into the next request on that connection, and it works behind a transaction-mode
 * pooler (no session state). Every statement of the request, loaders included, runs here.
 */
export class RequestTransaction {
  private finished = false;

  private constructor(
    private readonly runner: QueryRunner,
    readonly viewerId: string,
  ) {}

  static async begin(
    dataSource: DataSource,
    viewerId: string,
    log: Logger,
  ): Promise<RequestTransaction> {
    const runner = dataSource.createQueryRunner();
    try {
      await runner.connect();
      serializeQueries(runner);
      await runner.startTransaction();
      await runner.query(`SELECT set_config('role', $1, true), set_config($2, $3, true)`, [
        APP_ROLE,
        USER_SETTING,
        viewerId,
      ]);
      runner.data = { guard: { viewerId, log } };
      return new RequestTransaction(runner, viewerId);
    } catch (error) {
      await discard(runner);
      throw error;
    }
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.runner.query(sql, params) as Promise<T[]>;
  }

  /**
   * Runs one mutation all-or-nothing inside the request's transaction (a savepoint), so a
   * failed mutation leaves no trace while earlier ones in the same document stand.
   */
  async atomic<T>(work: () => Promise<T>): Promise<T> {
    await this.runner.startTransaction();
    try {
      const result = await work();
      await this.runner.commitTransaction();
      return result;
    } catch (error) {
      await this.runner.rollbackTransaction();
      throw error;
    }
  }

  async commit(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      await this.runner.commitTransaction();
    } finally {
      await this.runner.release();
    }
  }

  async rollback(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await discard(this.runner);
  }
}

/**
 * GraphQL resolves sibling fields concurrently, but one connection runs one statement at
 * a time: queue them here rather than lean on the driver's deprecated implicit queue.
 */
function serializeQueries(runner: QueryRunner): void {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  }) as QueryRunner['query'];
}

async function discard(runner: QueryRunner): Promise<void> {
  try {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
  } finally {
    if (!runner.isReleased) await runner.release();
  }
}
