import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../log/logger';
import type { EmbeddedWorkerData } from './embedded-worker-messages';
import { SupervisedThread, type ThreadScript, type ThreadWatcher } from './supervised-thread';

/**
 * Connections the server's pool keeps to the embedded database. More than one, though
 * PGlite runs one statement at a time: while it runs one request's, the next requests'
 * messages are already waiting on its thread, not still being handed out by the pool.
 */
export const EMBEDDED_POOL_SIZE = 4;

/**
 * The pool's, and room for ones it just closed (its idle timeout): such a connection still
 * counts until its socket has closed there, and a request arriving then would be refused
 * (EPIPE, a 503). A closing one sends nothing more, and whatever it left is undone first.
 */
export const EMBEDDED_MAX_CONNECTIONS = EMBEDDED_POOL_SIZE + 2;

export interface EmbeddedPostgres {
  /** A postgres:// URL for the ordinary `pg` driver. */
  readonly url: string;
  /** Its thread ended on its own and was started again: a new session, as after a restart. */
  watch(watcher: ThreadWatcher): void;
  stop(): Promise<void>;
}

/**
 * PGlite is a single Postgres session. Serving it over the wire protocol lets the
 * ordinary `pg` driver (and so TypeORM's postgres driver) reach it; the socket server
 * keeps each connection's transaction whole (embedded-socket-server.ts).
 *
 * It listens on a Unix socket in a private directory, not on TCP: the session is a
 * superuser with no password, and a loopback port would hand it to every local process.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
  log: Pick<Logger, 'error' | 'info'>,
): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Short path: Unix socket paths are limited to about 100 bytes.
  const socketDir = await mkdtemp(join(tmpdir(), 'task-api-pg-'));
  const data: EmbeddedWorkerData = {
    dataDir,
    socketPath: join(socketDir, '.s.PGSQL.5432'),
    maxConnections: EMBEDDED_MAX_CONNECTIONS,
  };
  let thread: SupervisedThread;
  try {
    thread = await SupervisedThread.start(workerScript(), data, log);
  } catch (error) {
    await rm(socketDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    watch: (watcher) => thread.watch(watcher),
    async stop() {
      await thread.stop();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

/** Compiled, the worker is a sibling .js file; run from the TypeScript sources, it is compiled as they are. */
function workerScript(): ThreadScript {
  const fromSources = __filename.endsWith('.ts');
  return {
    name: 'the embedded database',
    file: join(__dirname, `embedded-database.worker${fromSources ? '.ts' : '.js'}`),
    execArgv: fromSources ? ['--require', require.resolve('../../scripts/swc-register.cjs')] : [],
  };
}
