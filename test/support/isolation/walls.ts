import type { DataSource, QueryRunner } from 'typeorm';
import { APP_ROLE, USER_SETTING } from '../../../src/db/app-role';
import type { TestTarget } from '../test-database';
import { startTestServer, type TestServer } from '../test-server';
import { RELAXED_LIMITS } from './relaxed-limits';

/** Which of the two walls stand in a run of the isolation suite. */
export interface WallMode {
  readonly name: string;
  /** The application's owner filter (OwnerScope in the stores). */
  readonly ownerFilter: boolean;
  /** PostgreSQL row-level security. */
  readonly rls: boolean;
}

export const BOTH_WALLS: WallMode = { name: 'both walls', ownerFilter: true, rls: true };
export const RLS_ONLY: WallMode = { name: 'owner filter off', ownerFilter: false, rls: true };
export const FILTER_ONLY: WallMode = {
  name: 'row-level security off',
  ownerFilter: true,
  rls: false,
};

/** Tables whose rows belong to a user (users included): the row counts the sanity checks compare. */
export const PER_USER_TABLES = ['users', 'projects', 'tasks', 'tags', 'task_tags'] as const;

/** Tables with row-level security on, as the database reports it. */
export async function tablesWithRls(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r'
        AND (c.relrowsecurity OR c.relforcerowsecurity)
      ORDER BY c.relname`,
  )) as { relname: string }[];
  return rows.map((row) => row.relname);
}

/**
 * Turns row-level security off on every table that has it, as the connection's superuser.
 * Done after start-up, so the server has already passed its own RLS check.
 */
export async function disableRowLevelSecurity(dataSource: DataSource): Promise<void> {
  for (const table of await tablesWithRls(dataSource)) {
    await dataSource.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
    await dataSource.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
  }
}

/** A server with the given walls standing. */
export async function startWalledServer(target: TestTarget, mode: WallMode): Promise<TestServer> {
  const server = await startTestServer(target, RELAXED_LIMITS, { ownerFilter: mode.ownerFilter });
  if (!mode.rls) {
    try {
      await disableRowLevelSecurity(server.app.database.dataSource);
    } catch (error) {
      await server.close();
      throw error;
    }
  }
  return server;
}

/**
 * Rows per owned table as the app role sees them in a transaction set up like a request's,
 * with app.user_id set to `userId` ('' for none), independent of the application's code.
 */
export async function rowsVisibleToAppRole(
  dataSource: DataSource,
  userId: string,
): Promise<Record<string, number>> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT set_config('role', $1, true), set_config($2, $3, true)`, [
      APP_ROLE,
      USER_SETTING,
      userId,
    ]);
    return await countRows(runner);
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

/** Rows per owned table as the connection's own (super)user sees them. */
export async function rowsInTables(dataSource: DataSource): Promise<Record<string, number>> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    return await countRows(runner);
  } finally {
    await runner.release();
  }
}

async function countRows(runner: QueryRunner): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of PER_USER_TABLES) {
    const [row] = (await runner.query(`SELECT count(*)::int AS n FROM ${table}`)) as {
      n: number;
    }[];
    counts[table] = row!.n;
  }
  return counts;
}

/**
 * Records every statement the server sends while `work` runs, by wrapping the query runners
 * the DataSource hands out (each request's transaction takes one).
 */
export async function recordStatements(
  dataSource: DataSource,
  work: () => Promise<void>,
): Promise<string[]> {
  const statements: string[] = [];
  const original = dataSource.createQueryRunner.bind(dataSource);
  const spy = jest.spyOn(dataSource, 'createQueryRunner').mockImplementation((mode) => {
    const runner = original(mode);
    const query = runner.query.bind(runner);
    runner.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      return (query as (...args: unknown[]) => Promise<unknown>)(sql, ...rest);
    }) as QueryRunner['query'];
    return runner;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return statements;
}

const OWNED_TABLE_READ_OR_WRITE = /\b(FROM|JOIN|UPDATE)\s+"?(projects|tasks|tags|task_tags)"?/i;
const OWNER_CONDITION = /"owner_id"\s*=\s*\$\d+/;

/** Statements that read, change or delete owned rows (inserts are stamped, not filtered). */
export function ownedRowStatements(statements: readonly string[]): string[] {
  return statements.filter(
    (sql) => !/^\s*INSERT\b/i.test(sql) && OWNED_TABLE_READ_OR_WRITE.test(sql),
  );
}

export function hasOwnerCondition(sql: string): boolean {
  return OWNER_CONDITION.test(sql);
}
