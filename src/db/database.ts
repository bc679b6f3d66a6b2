import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import type { Logger } from '../log/logger';
import { explainConnectError } from './connect-error';
import { createDataSource, type DataSourceSettings } from './data-source';
import { usePreparedStatements } from './prepared-statements';
import {
  EMBEDDED_POOL_SIZE,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres';
import { assertRlsEnforced } from './rls-check';
import type { ThreadWatcher } from './supervised-thread';

export interface Database {
  readonly dataSource: DataSource;
  readonly embedded: boolean;
  /**
   * The embedded database's session was lost and a new one serves, migrated (its thread
   * ended and was started again); never for a server's, whose sessions are per connection.
   */
  watchSession(watcher: ThreadWatcher): void;
  close(): Promise<void>;
}

export type DatabaseConfig = Pick<
  Config,
  'databaseUrl' | 'dataDir' | 'dbPoolMax' | 'allowRlsBypass'
> &
  Partial<Pick<Config, 'dbPreparedStatements' | 'dbIdleTimeoutMs' | 'dbConnectTimeoutMs'>>;

/** What the layers above db/ hand in (the ownership wall's subscribers). */
export type DatabaseWiring = Pick<DataSourceSettings, 'subscribers'>;

/** `memory://` keeps the embedded database in memory: throwaway runs and tests. */
function embeddedDataDir(dataDir: string): string | undefined {
  return dataDir.startsWith('memory://') ? undefined : join(dataDir, 'pglite');
}

/**
 * Connects (embedded PGlite when no DATABASE_URL), applies pending migrations and refuses
 * to go on unless row-level security holds for the application role.
 */
export async function openDatabase(
  config: DatabaseConfig,
  log: Logger,
  { subscribers }: DatabaseWiring,
): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres(embeddedDataDir(config.dataDir), log);
    url = embedded.url;
  }
  // PGlite's connections stay open: nothing is gained by closing them.
  const dataSource = createDataSource(
    embedded
      ? {
          url,
          poolMax: EMBEDDED_POOL_SIZE,
          idleTimeoutMs: config.dbIdleTimeoutMs ?? 0,
          connectTimeoutMs: config.dbConnectTimeoutMs,
          subscribers,
        }
      : {
          url,
          poolMax: config.dbPoolMax,
          idleTimeoutMs: config.dbIdleTimeoutMs,
          connectTimeoutMs: config.dbConnectTimeoutMs,
          subscribers,
        },
  );
  const migrate = async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      log.info({ event: 'migrations', applied: applied.map((m) => m.name) }, 'migrations applied');
    }
    await assertRlsEnforced(dataSource, { allowBypass: config.allowRlsBypass, log });
  };
  try {
    await dataSource.initialize().catch((error: unknown) => {
      throw (config.databaseUrl && explainConnectError(error, config.databaseUrl)) || error;
    });
    await migrate();
    if (config.dbPreparedStatements ?? true) usePreparedStatements(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  // An in-memory database comes back empty: the schema first, then whoever else watches.
  embedded?.watch({ lost: () => undefined, restored: migrate });
  return {
    dataSource,
    embedded: embedded !== undefined,
    watchSession: (watcher) => embedded?.watch(watcher),
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
