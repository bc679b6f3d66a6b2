import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PoolClient } from 'pg';
import { EmbeddedSocketServer } from './embedded-socket-server';

export interface EmbeddedPostgres {
  /** A postgres:// URL for the ordinary `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * PGlite is a single Postgres session. Serving it over the wire protocol lets the
 * ordinary `pg` driver (and so TypeORM's postgres driver) reach it; the caller must
 * keep a pool of exactly one connection so transactions never interleave.
 *
 * It listens on a Unix socket in a private directory, not on TCP: the session is a
 * superuser with no password, and a loopback port would hand it to every local process.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
): Promise<EmbeddedPostgres> {
  if (dataDir) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  // Short path: Unix socket paths are limited to about 100 bytes.
  const socketDir = await mkdtemp(join(tmpdir(), 'task-api-pg-'));
  // Two, though the pool holds one: a connection the pool just closed (its idle timeout)
  // still counts until its socket has closed here, and a request arriving then would be
  // refused (EPIPE, a 503) with one. The closing one sends nothing more, and one that left a
  // transaction open has it rolled back before the next runs.
  const server = new EmbeddedSocketServer(db, 2);
  try {
    await server.start(join(socketDir, '.s.PGSQL.5432'));
  } catch (error) {
    await db.close();
    await rm(socketDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    async stop() {
      await server.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * PGlite's one session outlives each connection to it: what an earlier connection left
 * (prepared statements, settings, LISTEN) would otherwise meet the next one. Run on every
 * new connection, so each starts as a connection to a server would. The socket server already
 * rolls back a transaction its connection left open.
 */
export async function resetEmbeddedSession(client: PoolClient): Promise<void> {
  await client.query('DISCARD ALL');
}
