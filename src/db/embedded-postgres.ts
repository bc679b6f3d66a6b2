import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL on loopback for the ordinary `pg` driver. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * PGlite is a single Postgres session. Serving it over the wire protocol lets the
 * ordinary `pg` driver (and so TypeORM's postgres driver) reach it; the caller must
 * keep a pool of exactly one connection so transactions never interleave.
 * `dataDir` undefined keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(
  dataDir: string | undefined,
): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
