import type { DataSource } from 'typeorm';
import type { Logger } from '../../log/logger';
import { connectRedis } from '../../rate-limit/redis-client';
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
  redisUrl: string | undefined,
  dataSource: DataSource,
  log: Logger,
): Promise<OpenReplayCache> {
  const housekeeping = startHousekeeping(dataSource, log);
  if (!redisUrl) {
    return {
      cache: new PostgresReplayCache(dataSource),
      store: 'postgres',
      close: async () => housekeeping.stop(),
    };
  }
  const redis = await connectRedis(redisUrl, log);
  return {
    cache: new RedisReplayCache(redis),
    store: 'redis',
    async close() {
      housekeeping.stop();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
