import { createHash, randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { Logger } from '../log/logger';
import { SocketCounts } from './socket-counts';
import type { SocketLease, SocketPlaces } from './socket-places';

// Redis's clock, not the instances': leases of instances whose clocks differ expire alike.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1]: the user's leases (member: lease id, score: expiry ms). ARGV: lease, max, ttl ms. */
const TAKE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

/**
 * Pushes a live lease's expiry on. XX: a lease released meanwhile is never brought back, so
 * a refresh racing a close cannot count a closed socket.
 */
const REFRESH = `${NOW}
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

type LeaseCommands = Redis & {
  takeSocketLease(key: string, lease: string, max: number, ttlMs: number): Promise<number>;
  refreshSocketLease(key: string, lease: string, ttlMs: number): Promise<number>;
};

export interface RedisSocketPlacesOptions {
  readonly max: number;
  readonly keyPrefix: string;
  /** WS_SOCKET_LEASE: a lease not refreshed this long (its instance died) stops counting. */
  readonly leaseMs: number;
  readonly log: Logger;
}

/**
 * Sockets per user counted across every instance: each open socket holds a lease in Redis,
 * taken atomically against the limit and refreshed while the socket lives. While Redis is
 * unreachable each instance counts alone, as the rate limits do, rather than refusing
 * everyone or letting everything through.
 */
export class RedisSocketPlaces implements SocketPlaces {
  private readonly redis: LeaseCommands;
  private readonly fallback: SocketCounts;
  /** This instance's leases in Redis: lease id -> key. */
  private readonly held = new Map<string, string>();
  private readonly refresher: NodeJS.Timeout;
  private readonly instance = randomUUID();

  constructor(
    redis: Redis,
    private readonly options: RedisSocketPlacesOptions,
  ) {
    if (!('takeSocketLease' in redis)) {
      redis.defineCommand('takeSocketLease', { numberOfKeys: 1, lua: TAKE });
      redis.defineCommand('refreshSocketLease', { numberOfKeys: 1, lua: REFRESH });
    }
    this.redis = redis as LeaseCommands;
    this.fallback = new SocketCounts(options.max);
    this.refresher = setInterval(() => void this.refresh(), Math.max(100, options.leaseMs / 3));
    this.refresher.unref();
  }

  async take(userId: string): Promise<SocketLease | undefined> {
    const { max, leaseMs, log } = this.options;
    const key = `${this.options.keyPrefix}:ws:${createHash('sha256').update(userId).digest('hex').slice(0, 32)}`;
    const lease = `${this.instance}:${randomUUID()}`;
    let taken: number;
    try {
      taken = await this.redis.takeSocketLease(key, lease, max, leaseMs);
    } catch (error) {
      log.warn(
        { event: 'socket_count_fallback', message: (error as Error).message },
        'sockets per user counted in this process: Redis unavailable',
      );
      return this.fallback.takeNow(userId);
    }
    if (taken !== 1) return undefined;
    this.held.set(lease, key);
    return {
      release: () => {
        if (!this.held.delete(lease)) return;
        // A lost ZREM only leaves the lease to expire on its own.
        this.redis.zrem(key, lease).catch(() => undefined);
      },
    };
  }

  close(): void {
    clearInterval(this.refresher);
  }

  private async refresh(): Promise<void> {
    const { leaseMs, log } = this.options;
    const leases = [...this.held];
    const results = await Promise.allSettled(
      leases.map(([lease, key]) => this.redis.refreshSocketLease(key, lease, leaseMs)),
    );
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed > 0) {
      log.debug({ event: 'socket_lease_refresh_failed', failed }, 'socket leases not refreshed');
    }
  }
}
