import type Redis from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { RateLimits } from '../config';

export interface Limiters {
  /** Per user: operations. */
  readonly operations: RateLimiterAbstract;
  /** Per user: mutation fields. */
  readonly mutations: RateLimiterAbstract;
  /** Per client IP: rejected tokens; blocked for a window once over. */
  readonly authFailures: RateLimiterAbstract;
  /** Per user: NOT_FOUND answers and null id lookups; blocked for PROBE_BLOCK once over. */
  readonly probes: RateLimiterAbstract;
}

function limiter(
  redis: Redis | undefined,
  options: { keyPrefix: string; points: number; duration: number; blockDuration?: number },
): RateLimiterAbstract {
  const memory = new RateLimiterMemory(options);
  if (!redis) return memory;
  // While Redis is down each instance counts on its own rather than letting everything through.
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/** In this process's memory, or in Redis so that every instance counts together. */
export function createLimiters(limits: RateLimits, redis?: Redis): Limiters {
  const prefix = limits.keyPrefix;
  const duration = limits.windowSeconds;
  return {
    operations: limiter(redis, { keyPrefix: `${prefix}:ops`, points: limits.operations, duration }),
    mutations: limiter(redis, { keyPrefix: `${prefix}:mut`, points: limits.mutations, duration }),
    authFailures: limiter(redis, {
      keyPrefix: `${prefix}:authfail`,
      points: limits.authFailures,
      duration,
      blockDuration: duration,
    }),
    probes: limiter(redis, {
      keyPrefix: `${prefix}:probe`,
      points: limits.probes.limit,
      duration,
      blockDuration: limits.probes.blockSeconds,
    }),
  };
}
