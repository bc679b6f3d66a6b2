import type { DataSource } from 'typeorm';
import type { Logger } from '../../log/logger';
import type { RedisSettings } from '../../config';
import { connectRedis } from '../../redis/redis-connection';
import { startHousekeeping } from '../housekeeping';
import { PostgresReplayCache, RedisReplayCache, type ReplayCache } from './replay-cache';

export interface OpenReplayCache {
  readonly cache: ReplayCache;
  readonly store: 'redis' | 'postgres';
  close(): Promise<void>;
}

/**
 * Seen DPoP proofs go to Redis when REDIS_URL is set, else to PostgreSQL: either way every
 * instance shares them. Also starts purging expired proofs and revocations.
 */
export async function openReplayCache(
  redis: RedisSettings | undefined,
  dataSource: DataSource,
  log: Logger,
): Promise<OpenReplayCache> {
  const housekeeping = startHousekeeping(dataSource, log);
  if (!redis) {
    return {
      cache: new PostgresReplayCache(dataSource),
      store: 'postgres',
      close: async () => housekeeping.stop(),
    };
  }
  const connection = await connectRedis('dpop-replay', redis, log);
  return {
    cache: new RedisReplayCache(connection),
    store: 'redis',
    async close() {
      housekeeping.stop();
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
