import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import {
  PostgresReplayCache,
  RedisReplayCache,
  type ReplayCache,
} from '../../../src/auth/dpop/replay-cache';
import { useTestDatabase } from '../../support/open-test-database';
import { TEST_TARGETS } from '../../support/test-database';

function behavesAsSharedReplayCache(make: () => { a: ReplayCache; b: ReplayCache }) {
  it('should accept a proof id once and refuse it again, from any instance', async () => {
    const { a, b } = make();
    const key = randomUUID();
    expect(await a.firstSeen(key, 60)).toBe(true);
    expect(await a.firstSeen(key, 60)).toBe(false);
    expect(await b.firstSeen(key, 60)).toBe(false);
  });

  it('should let exactly one of many concurrent uses of the same proof through', async () => {
    const { a, b } = make();
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).firstSeen(key, 60)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
}

describe.each(TEST_TARGETS)('PostgresReplayCache on $name', (target) => {
  const handle = useTestDatabase(target);

  behavesAsSharedReplayCache(() => ({
    a: new PostgresReplayCache(handle.db.dataSource),
    b: new PostgresReplayCache(handle.db.dataSource),
  }));

  it('should accept an id again once its entry expired, and purge expired entries', async () => {
    const cache = new PostgresReplayCache(handle.db.dataSource);
    const key = randomUUID();
    expect(await cache.firstSeen(key, 60)).toBe(true);
    await handle.db.dataSource.query(
      `UPDATE dpop_proofs SET expires_at = now() - interval '1 s' WHERE key = $1`,
      [key],
    );
    expect(await cache.firstSeen(key, 60)).toBe(true);
    await handle.db.dataSource.query(
      `UPDATE dpop_proofs SET expires_at = now() - interval '1 s' WHERE key = $1`,
      [key],
    );
    await cache.purgeExpired();
    expect(
      await handle.db.dataSource.query(`SELECT 1 FROM dpop_proofs WHERE key = $1`, [key]),
    ).toEqual([]);
  });
});

// Tests may read their own settings from the environment; .ci/run sets it when Redis answers.
const redisUrl = process.env.TEST_REDIS_URL;

(redisUrl ? describe : describe.skip)('RedisReplayCache', () => {
  let one: Redis;
  let two: Redis;
  beforeAll(() => {
    one = new Redis(redisUrl!);
    two = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await one?.quit();
    await two?.quit();
  });

  behavesAsSharedReplayCache(() => ({
    a: new RedisReplayCache(one),
    b: new RedisReplayCache(two),
  }));
});
