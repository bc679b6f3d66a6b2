import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/** A PostgreSQL cluster of the test's own, in a temporary directory: one it may stop. */
export interface PrivatePostgres {
  /** As the cluster's superuser, to the `postgres` database. */
  readonly adminUrl: string;
  readonly port: number;
  /** Fast shutdown, as `pg_ctlcluster … stop -m fast`: sessions are cut, new ones refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  destroy(): Promise<void>;
}

function binDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** initdb refuses root: there the cluster runs as the `postgres` user, through runuser. */
function runAs(): { uid: number; gid: number; prefix: string[] } | undefined {
  if (process.getuid?.() !== 0) return { uid: -1, gid: -1, prefix: [] };
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    return { uid, gid, prefix: ['runuser', '-u', 'postgres', '--'] };
  } catch {
    return undefined;
  }
}

/** Why a private cluster cannot be made here; undefined when it can. */
export function privatePostgresUnavailable(): string | undefined {
  if (!binDir()) return 'no PostgreSQL server binaries under /usr/lib/postgresql/*/bin';
  if (!runAs()) return 'running as root and there is no `postgres` user to run initdb as';
  return undefined;
}

/** initdb, then start on a free loopback port with its socket in the same directory. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir()!;
  const user = runAs()!;
  const dir = mkdtempSync(join(tmpdir(), 'task-api-private-pg-'));
  if (user.uid >= 0) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  // Asynchronous: the server under test runs in this process and must keep serving meanwhile.
  const run = async (tool: string, args: string[]) => {
    const [command, ...rest] = [...user.prefix, join(bin, tool), ...args];
    await promisify(execFile)(command!, rest, { timeout: 60_000 });
  };
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const start = () =>
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '30', '-o', options, 'start']);
  await start();
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']),
    start,
    async destroy() {
      try {
        await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
