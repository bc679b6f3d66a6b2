import Redis from 'ioredis';
import type { Logger } from '../log/logger';

/**
 * The connection the rate limiters share. Connected before the server listens, so a wrong
 * REDIS_URL stops start-up; later outages fail fast (no offline queue) and each limiter falls
 * back to counting in memory until Redis is back.
 */
export async function connectRedis(url: string, log: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Without a listener ioredis prints every reconnect failure itself; the URL stays out of it.
  redis.on('error', (error: Error) => log.warn({ event: 'redis_error', message: error.message }));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return redis;
}
