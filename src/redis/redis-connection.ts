import Redis from 'ioredis';
import type { RedisSettings } from '../config';
import type { Logger } from '../log/logger';

/** Who holds a connection: named in CLIENT LIST, in its log lines, and in the start-up error. */
export type RedisUser = 'rate-limits' | 'dpop-replay' | 'apq';

/**
 * The one way to Redis. Connected before the server listens, so a wrong REDIS_URL (or a
 * Redis that accepts but never answers) stops start-up within the connect timeout. Later,
 * every command is bounded by the command timeout and nothing waits in an offline queue:
 * a stalled or partitioned Redis fails a command fast, like an unreachable one, and each
 * user falls back as it does when Redis is down (docs/security.md).
 */
export async function connectRedis(
  name: RedisUser,
  settings: RedisSettings,
  log: Logger,
): Promise<Redis> {
  const redis = new Redis(settings.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectionName: `task-api:${name}`,
    connectTimeout: settings.connectTimeoutMs,
    commandTimeout: settings.commandTimeoutMs,
  });
  // Without a listener ioredis prints every reconnect failure itself; the URL stays out of it.
  redis.on('error', (error: Error) =>
    log.warn({ event: 'redis_error', redis: name, message: error.message }),
  );
  let timer: NodeJS.Timeout | undefined;
  // ioredis's connect timeout ends at the TCP handshake; its ready check could wait forever.
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${settings.connectTimeoutMs} ms`)),
      settings.connectTimeoutMs,
    );
  });
  try {
    await Promise.race([redis.connect(), stalled]);
  } catch (error) {
    redis.disconnect();
    // Which user could not start, and why; never the URL (it may hold a password).
    throw new Error(`Redis for ${name} not ready: ${(error as Error).message}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  return redis;
}
