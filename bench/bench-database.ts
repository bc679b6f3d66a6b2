import { Client } from 'pg';
import pino from 'pino';
import { openDatabase } from '../src/db/database';
import { OWNERSHIP_SUBSCRIBERS } from '../src/ownership/owner.subscriber';
import { seed, type SeedReport } from './seed';

/** Where the server under test finds its data: a PostgreSQL URL, or an embedded data dir. */
export interface BenchTarget {
  readonly label: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly users: number;
}

const MISSING_DATABASE = '3D000';

/** Creates the URL's database (e.g. task_api_bench) when the server does not have it yet. */
async function ensureDatabase(url: string): Promise<void> {
  const probe = new Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    await probe.end().catch(() => undefined);
    if ((error as { code?: string }).code !== MISSING_DATABASE) throw error;
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Will not create database "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/** The same server with another database name: the smaller world the scale check compares with. */
export function siblingTarget(target: BenchTarget, users: number): BenchTarget {
  if (!target.databaseUrl) {
    return {
      label: `${users} users`,
      databaseUrl: undefined,
      dataDir: `${target.dataDir}-${users}`,
      users,
    };
  }
  const url = new URL(target.databaseUrl);
  url.pathname = `${url.pathname}_${users}u`;
  return { label: `${users} users`, databaseUrl: url.toString(), dataDir: target.dataDir, users };
}

/** Creates, migrates (as the server would at start-up) and seeds the target's database. */
export async function prepareDatabase(
  target: BenchTarget,
  progress: (line: string) => void,
): Promise<SeedReport> {
  if (target.databaseUrl) await ensureDatabase(target.databaseUrl);
  const database = await openDatabase(
    {
      databaseUrl: target.databaseUrl,
      dataDir: target.dataDir,
      dbPoolMax: 2,
      allowRlsBypass: false,
    },
    pino({ level: 'warn' }),
    { subscribers: OWNERSHIP_SUBSCRIBERS },
  );
  try {
    return await seed(database.dataSource, target.users, progress);
  } finally {
    await database.close();
  }
}
