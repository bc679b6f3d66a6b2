import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import type { DatabaseConfig } from '../../src/db/database';

/** Which databases the integration suites run against: PGlite always, PostgreSQL when set. */
export interface TestTarget {
  readonly name: string;
  /** The URL test databases are made from (PostgreSQL only): its role makes roles too. */
  readonly baseUrl?: string;
  /** Makes a fresh database for one test file; drop() removes it. */
  create(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }>;
}

const embedded: TestTarget = {
  name: 'pglite',
  async create() {
    return {
      config: { databaseUrl: undefined, dataDir: 'memory://', dbPoolMax: 1, allowRlsBypass: false },
      async drop() {},
    };
  },
};

/** A throwaway database per test file on the PostgreSQL at TEST_DATABASE_URL. */
function postgres(baseUrl: string): TestTarget {
  return {
    name: 'postgres',
    baseUrl,
    async create() {
      const name = `task_api_test_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: baseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(baseUrl);
      url.pathname = `/${name}`;
      return {
        config: {
          databaseUrl: url.toString(),
          dataDir: 'memory://',
          dbPoolMax: 10,
          allowRlsBypass: false,
        },
        async drop() {
          const client = new Client({ connectionString: baseUrl });
          await client.connect();
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

// Tests may read the environment for their own settings; the server reads it only via config.ts.
const testDatabaseUrl = process.env.TEST_DATABASE_URL;

export const TEST_TARGETS: TestTarget[] = testDatabaseUrl
  ? [embedded, postgres(testDatabaseUrl)]
  : [embedded];

/**
 * `describe.each` over the PostgreSQL servers only, for what PGlite cannot show (it is one
 * session without timers: transactions never overlap, statement_timeout never fires).
 * Without TEST_DATABASE_URL the block is listed as skipped rather than silently absent.
 */
export function describeEachServer(name: string, body: (target: TestTarget) => void): void {
  const servers = TEST_TARGETS.filter((target) => target.name !== 'pglite');
  (servers.length ? describe.each(servers) : describe.skip.each(TEST_TARGETS))(name, body);
}
