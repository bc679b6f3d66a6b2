import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const BIN = '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

export interface PrivateCluster {
  readonly port: number;
  /** A URL for this cluster on 127.0.0.1 (password authentication: scram-sha-256). */
  url(user: string, password: string, database?: string): string;
  /** Runs SQL as the cluster's superuser. */
  sql(statement: string): Promise<void>;
  stop(): Promise<void>;
}

export const PRIVATE_CLUSTER_AVAILABLE = existsSync(join(BIN, 'initdb'));

/**
 * A throwaway PostgreSQL cluster of its own (fault tests must not touch the shared one),
 * with password authentication, on a free port. initdb refuses root: as root it runs as the
 * postgres system user.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-private-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), -1);
  const as = (cmd: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args]) : run(cmd, args);
  const password = 'private-cluster-superuser';
  writeFileSync(join(dir, 'pw'), password);
  if (asRoot)
    chownSync(join(dir, 'pw'), Number((await run('id', ['-u', 'postgres'])).stdout.trim()), -1);
  const data = join(dir, 'data');
  await as(join(BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'admin',
    '--auth=scram-sha-256',
    `--pwfile=${join(dir, 'pw')}`,
  ]);
  const port = await freePort();
  await as(join(BIN, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
  ]);
  const url = (user: string, pass: string, database = 'postgres') =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async sql(statement) {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: url('admin', password) });
      await client.connect();
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    },
    async stop() {
      await as(join(BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
