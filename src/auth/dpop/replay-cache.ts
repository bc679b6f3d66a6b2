import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';

/**
 * Remembers DPoP proof ids for as long as a proof could be accepted. Shared by every
 * instance (PostgreSQL, or Redis when configured): a proof replayed against another
 * instance must fail just the same.
 */
export interface ReplayCache {
  /** true the first time a key is seen within ttl; false for a replay. */
  firstSeen(key: string, ttlSeconds: number): Promise<boolean>;
}

export class PostgresReplayCache implements ReplayCache {
  constructor(private readonly dataSource: DataSource) {}

  async firstSeen(key: string, ttlSeconds: number): Promise<boolean> {
    // Autocommit, outside the request's transaction: a request that later fails must not
    // roll back the record of its proof and so allow the proof to be used again.
    const rows = (await this.dataSource.query(
      `INSERT INTO dpop_proofs (key, expires_at) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at
         WHERE dpop_proofs.expires_at < now()
       RETURNING 1`,
      [key, ttlSeconds],
    )) as unknown[];
    return rows.length === 1;
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM dpop_proofs WHERE expires_at < now()`);
  }
}

export class RedisReplayCache implements ReplayCache {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'task-api:dpop:',
  ) {}

  async firstSeen(key: string, ttlSeconds: number): Promise<boolean> {
    const result = await this.redis.set(this.prefix + key, '1', 'EX', ttlSeconds, 'NX');
    return result === 'OK';
  }
}
