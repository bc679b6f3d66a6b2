import type { ApolloServerPlugin } from '@apollo/server';
import type Redis from 'ioredis';
import type { RateLimits, RedisSettings } from '../config';
import type { RequestContext } from '../request/request-context';
import type { Logger } from '../log/logger';
import { createLimiters } from './limiters';
import { probePlugin } from '../plugins/probe.plugin';
import { connectRedis } from '../redis/redis-connection';
import { RateGuard, type RejectionCounter } from './rate-guard';
import { rateLimitPlugin } from '../plugins/rate-limit.plugin';

export interface RateLimiting {
  readonly guard: RateGuard;
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
  const guard = new RateGuard(createLimiters(limits, redis), limits, rejections);
  return {
    guard,
    store: redis ? 'redis' : 'memory',
    redis,
    plugins: [rateLimitPlugin(guard), probePlugin(guard)],
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}
