import Redis from 'ioredis';
import pino from 'pino';
import { RedisSocketPlaces } from '../../../src/subscriptions/redis-socket-places';
import { SocketCounts } from '../../../src/subscriptions/socket-counts';

describe('SocketCounts', () => {
  it('should give each user up to the limit and take a released place back once', async () => {
    const counts = new SocketCounts(2);
    const first = await counts.take('a');
    const second = await counts.take('a');
    expect(first && second).toBeDefined();
    expect(await counts.take('a')).toBeUndefined();
    expect(await counts.take('b')).toBeDefined();
    first!.release();
    first!.release();
    expect(await counts.take('a')).toBeDefined();
    expect(await counts.take('a')).toBeUndefined();
  });
});

describe('RedisSocketPlaces', () => {
  it('should count in this process, up to the limit, while Redis is unreachable', async () => {
    // Nothing listens on port 1; no offline queue, so every command fails at once.
    const redis = new Redis({
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    const warnings: unknown[] = [];
    const log = pino(
      { level: 'warn' },
      { write: (line: string) => warnings.push(JSON.parse(line)) },
    );
    const places = new RedisSocketPlaces(redis, {
      max: 2,
      keyPrefix: 'test',
      leaseMs: 1000,
      log,
    });
    try {
      const held = [await places.take('a'), await places.take('a')];
      expect(held.every((lease) => lease !== undefined)).toBe(true);
      expect(await places.take('a')).toBeUndefined();
      held[0]!.release();
      expect(await places.take('a')).toBeDefined();
      expect(warnings[0]).toMatchObject({ event: 'socket_count_fallback' });
    } finally {
      places.close();
      redis.disconnect();
    }
  });
});
