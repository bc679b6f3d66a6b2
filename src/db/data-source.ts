import { DataSource, type DataSourceOptions } from 'typeorm';
import { DEFAULT_CONNECT_TIMEOUT_MS } from '../config';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';
import { installTimestampParser } from './timestamp-parser';

export interface DataSourceSettings {
  readonly url: string;
  readonly poolMax: number;
  /** How long an unused pooled connection stays open; 0 keeps it for good. */
  readonly idleTimeoutMs?: number;
  /** How long opening or borrowing a connection may take; DEFAULT_CONNECT_TIMEOUT_MS if unset. */
  readonly connectTimeoutMs?: number;
  /**
   * Entity subscribers, passed in by the caller (the ownership wall's lives above db/).
   * Required so that no DataSource is built without deciding on them.
   */
  readonly subscribers: NonNullable<DataSourceOptions['subscribers']>;
}

/**
 * The one DataSource shape for the server, the CLI and tests. TLS follows the URL
 * (`sslmode=require`, as Neon's URLs carry). Schema changes come from migrations only.
 */
export function createDataSource({
  url,
  poolMax,
  idleTimeoutMs,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
  subscribers,
}: DataSourceSettings): DataSource {
  installTimestampParser();
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    subscribers,
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    extra: {
      max: poolMax,
      application_name: 'task-api',
      connectionTimeoutMillis: connectTimeoutMs,
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMillis: idleTimeoutMs }),
    },
  });
}
