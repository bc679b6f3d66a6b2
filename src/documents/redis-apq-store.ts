import type Redis from 'ioredis';
import type { ApqStore } from './apq-store';
import { documentHash } from './document-hash';

/**
 * Shared by every instance. Keys name the user by a hash of the id, so Redis holds no
 * subject (it may be an email); entries expire after the TTL.
 */
export class RedisApqStore implements ApqStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(userId: string, hash: string): string {
    return `${this.prefix}${documentHash(userId)}:${hash}`;
  }

  async get(userId: string, hash: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(userId, hash))) ?? undefined;
  }

  async set(userId: string, hash: string, text: string): Promise<void> {
    await this.redis.set(this.key(userId, hash), text, 'EX', this.ttlSeconds);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
