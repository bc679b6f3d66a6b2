import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/db/database';
import { adminQuery, databaseUrlOf } from './admin-query';
import { databaseTemplates } from './database-templates';

export interface CreateOptions {
  /**
   * An empty database the opening server migrates itself, for tests of the migrations;
   * otherwise a copy of the run's migrated template (see database-templates.ts).
   */
  readonly empty?: boolean;
}

/** Which databases the integration suites run against: PGlite always, PostgreSQL when set. */
export interface TestTarget {
  readonly name: string;
  /** The URL test databases are made from (PostgreSQL only): its role makes roles too. */
  readonly baseUrl?: string;
  /** Makes a fresh database for one test file; drop() removes it. */
  create(options?: CreateOptions): Promise<{ config: DatabaseConfig; drop(): Promise<void> }>;
}

const inMemory = {
  config: { databaseUrl: undefined, dataDir: 'memory://', dbPoolMax: 1, allowRlsBypass: false },
  async drop() {},
};

/** PGlite in memory when empty; else a copy of the migrated template's data directory. */
const embedded: TestTarget = {
  name: 'pglite',
  async create({ empty = false } = {}) {
    const templates = databaseTemplates();
    if (empty || !templates) return inMemory;
    const dataDir = await mkdtemp(join(templates.copiesDir, 'copy-'));
    await cp(templates.embeddedDir, dataDir, { recursive: true });
    return {
      config: { ...inMemory.config, dataDir },
      async drop() {
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
};

/** A throwaway database per test file on the PostgreSQL at TEST_DATABASE_URL. */
function postgres(baseUrl: string): TestTarget {
  return {
    name: 'postgres',
    baseUrl,
    async create({ empty = false } = {}) {
      const templates = databaseTemplates();
      const prefix = templates?.postgresPrefix ?? 'task_api_test_';
      const name = `${prefix}${randomBytes(6).toString('hex')}`;
      const template = empty ? undefined : templates?.postgresName;
      const dropping = () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await adminQuery(
        baseUrl,
        `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`,
      );
      return {
        config: {
          databaseUrl: databaseUrlOf(baseUrl, name),
          dataDir: 'memory://',
          dbPoolMax: 10,
          allowRlsBypass: false,
        },
        // DROP DATABASE waits for a checkpoint (a few hundred ms): within a jest run it goes on
        // in the background while the next file starts, and globalTeardown drops any it missed.
        async drop() {
          if (templates?.postgresPrefix) dropping().catch(() => undefined);
          else await dropping();
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
