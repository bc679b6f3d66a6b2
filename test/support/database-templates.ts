import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase, type DatabaseConfig } from '../../src/db/database';
import { OWNERSHIP_SUBSCRIBERS } from '../../src/ownership/owner.subscriber';
import { adminQuery, databaseUrlOf, listDatabases } from './admin-query';

/**
 * Migrated databases made once per jest run (globalSetup) that each test database is copied
 * from: booting PGlite (initdb) and running every migration cost seconds per test file,
 * copying costs a fraction. Every test still gets a database of its own.
 */
export interface DatabaseTemplates {
  /** A migrated PGlite data directory (DATA_DIR layout: its database is under ./pglite). */
  readonly embeddedDir: string;
  /** Where the copies go: removed with the templates. */
  readonly copiesDir: string;
  /** A migrated database on TEST_DATABASE_URL's server, for CREATE DATABASE … TEMPLATE. */
  readonly postgresName?: string;
  /** Names this run's test databases there start with: globalTeardown drops what is left. */
  readonly postgresPrefix?: string;
}

/** Workers inherit globalSetup's environment: the one way to hand them the templates. */
const ENV = 'TEST_DATABASE_TEMPLATES';

/** Opened (so migrated) the way the server opens its database, then closed. */
async function migrate(config: Pick<DatabaseConfig, 'databaseUrl' | 'dataDir'>): Promise<void> {
  const db = await openDatabase(
    { ...config, dbPoolMax: 1, allowRlsBypass: false },
    pino({ level: 'silent' }),
    { subscribers: OWNERSHIP_SUBSCRIBERS },
  );
  await db.close();
}

export async function buildDatabaseTemplates(baseUrl: string | undefined): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'task-api-templates-'));
  const run = randomBytes(6).toString('hex');
  const templates: DatabaseTemplates = {
    embeddedDir: join(root, 'embedded'),
    copiesDir: root,
    ...(baseUrl
      ? { postgresName: `task_api_template_${run}`, postgresPrefix: `task_api_test_${run}_` }
      : {}),
  };
  await migrate({ databaseUrl: undefined, dataDir: templates.embeddedDir });
  if (baseUrl && templates.postgresName) {
    await adminQuery(baseUrl, `CREATE DATABASE ${templates.postgresName}`);
    await migrate({
      databaseUrl: databaseUrlOf(baseUrl, templates.postgresName),
      dataDir: 'memory://',
    });
  }
  process.env[ENV] = JSON.stringify(templates);
}

export async function removeDatabaseTemplates(baseUrl: string | undefined): Promise<void> {
  const templates = databaseTemplates();
  if (!templates) return;
  await rm(templates.copiesDir, { recursive: true, force: true });
  if (baseUrl && templates.postgresName && templates.postgresPrefix) {
    // Test databases are dropped in the background (see test-database.ts): any still there
    // go now, together, so their checkpoints coincide.
    const left = await listDatabases(baseUrl, templates.postgresPrefix);
    await Promise.all(
      left.map((name) => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
    );
    await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${templates.postgresName} WITH (FORCE)`);
  }
}

/** undefined outside a jest run with the integration project's globalSetup. */
export function databaseTemplates(): DatabaseTemplates | undefined {
  const value = process.env[ENV];
  return value ? (JSON.parse(value) as DatabaseTemplates) : undefined;
}
