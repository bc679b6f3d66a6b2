import type { ApolloServerPlugin } from '@apollo/server';
import type Redis from 'ioredis';
import type { RateLimits, RedisSettings } from '../config';
import type { RequestContext } from '../request/request-context';
import type { Logger } from '../log/logger';
import { createLimiters } from './limiters';
import { probePlugin } from '../plugins/probe.plugin';
import { connectRedis } from '../redis/redis-connection';
import { RateLimiter, type RejectionCounter } from './rate-limiter';
import { rateLimitPlugin } from '../plugins/rate-limit.plugin';

export interface RateLimiting {
  readonly rateLimiter: RateLimiter;
  readonly store: 'redis' | 'memory';
  /** The shared connection, when REDIS_URL is set (socket leases count through it too). */
  readonly redis: Redis | undefined;
  readonly plugins: ApolloServerPlugin<RequestContext>[];
  close(): Promise<void>;
}

/** The rate limits and probe throttle, counted in Redis when REDIS_URL is set. */
export async function openRateLimiting(
  limits: RateLimits,
  redisSettings: RedisSettings | undefined,
  log: Logger,
  rejections?: RejectionCounter,
): Promise<RateLimiting> {
  const redis: Redis | undefined = redisSettings
    ? await connectRedis('rate-limits', redisSettings, log)
    : undefined;
  const rateLimiter = new RateLimiter(createLimiters(limits, redis), limits, rejections);
  return {
    rateLimiter,
    store: redis ? 'redis' : 'memory',
    redis,
    plugins: [rateLimitPlugin(rateLimiter), probePlugin(rateLimiter)],
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
