import { Client } from 'pg';
import type { Logger } from '../log/logger';
import { REVOCATION_CHANNEL, TASK_CHANNEL } from '../db/notify-channels';
import type { NotificationHandlers, NotificationSource } from './notification-source';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;

/**
 * LISTEN on a connection of its own, outside the pool: a pooled connection (and Neon's
 * pooled URL, a transaction-mode PgBouncer) cannot hold a LISTEN. Lost, it reconnects with
 * backoff; the hub closes live sockets meanwhile, since what was sent while away is gone.
 */
export function directListener(url: string, log: Logger): NotificationSource {
  let client: Client | undefined;
  let handlers: NotificationHandlers | undefined;
  let closed = false;
  let retryMs = RETRY_MIN_MS;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({
      connectionString: url,
      application_name: 'task-api-listen',
      keepAlive: true,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (client === next) client = undefined;
      next.end().catch(() => undefined);
      if (closed) return;
      // A warning: an outage is logged once, as an error, by the request path (outage-log.ts);
      // this line says what it did to live updates.
      log.warn({ event: 'listener_lost', err: error }, 'change listener lost its connection');
      handlers?.down();
      schedule();
    };
    next.on('error', onLost);
    next.on('end', () => onLost());
    next.on('notification', (message) => {
      if (message.payload !== undefined) handlers?.notify(message.channel, message.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${TASK_CHANNEL}; LISTEN ${REVOCATION_CHANNEL}`);
    } catch (error) {
      lost = true;
      next.removeAllListeners('end');
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    retryMs = RETRY_MIN_MS;
  };

  const schedule = () => {
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(
        () => {
          if (closed) return;
          log.info({ event: 'listener_restored' }, 'change listener reconnected');
          handlers?.up();
        },
        (error: unknown) => {
          log.warn({ event: 'listener_retry', err: error, retryMs }, 'change listener retrying');
          retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
          if (!closed) schedule();
        },
      );
    }, retryMs);
  };

  return {
    async start(given) {
      handlers = given;
      await connect();
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
