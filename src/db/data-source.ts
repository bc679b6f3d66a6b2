import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { OwnerSubscriber } from '../ownership/owner.subscriber';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  readonly url: string;
  readonly poolMax: number;
  /**
   * Never close an idle connection (PGlite): its one session outlives a pooled connection,
   * so a new connection after pg's 10 s idle timeout found the old prepared statements.
   */
  readonly keepIdle?: boolean;
}

/**
 * The one DataSource shape for the server, the CLI and tests. TLS follows the URL
 * (`sslmode=require`, as Neon's URLs carry). Schema changes come from migrations only.
 */
export function createDataSource({ url, poolMax, keepIdle }: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers: [OwnerSubscriber],
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: {
      max: poolMax,
      application_name: 'task-api',
      ...(keepIdle ? { idleTimeoutMillis: 0 } : {}),
    },
  });
}
