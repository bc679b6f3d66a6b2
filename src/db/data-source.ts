import type { PoolClient } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';
import { installTimestampParser } from './timestamp-parser';

export interface DataSourceSettings {
  readonly url: string;
  readonly poolMax: number;
  /** How long an unused pooled connection stays open; 0 keeps it for good. */
  readonly idleTimeoutMs?: number;
  /** Runs on every new connection before the pool hands it out. */
  readonly onConnect?: (client: PoolClient) => Promise<void>;
  /**
   * Entity subscribers, passed in by the caller (the ownership wall's lives above db/).
   * Required so that no DataSource is built without deciding on them.
   */
  readonly subscribers: NonNullable<DataSourceOptions['subscribers']>;
}

/**
 * How long opening a connection (or waiting for a pooled one) may take before the request
 * answers 503: node-postgres would otherwise wait for an unreachable host as long as TCP does.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The one DataSource shape for the server, the CLI and tests. TLS follows the URL
 * (`sslmode=require`, as Neon's URLs carry). Schema changes come from migrations only.
 */
export function createDataSource({
  url,
  poolMax,
  idleTimeoutMs,
  onConnect,
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
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMillis: idleTimeoutMs }),
      ...(onConnect ? { onConnect } : {}),
    },
  });
}
