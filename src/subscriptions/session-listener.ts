import type { Pool, PoolClient } from 'pg';
import type { Database } from '../db/database';
import { REVOCATION_CHANNEL, TASK_CHANNEL } from '../db/notify-channels';
import type { NotificationHandlers, NotificationSource } from './notification-source';

/**
 * Embedded PGlite is one session behind every pooled connection: LISTEN is session state, so
 * it holds for all of them, and a notification comes out on whichever connection ran the
 * COMMIT. So: LISTEN once per session, and hear every connection the pool hands out.
 */
export function sessionListener({ dataSource, watchSession }: Database): NotificationSource {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const heard = new WeakSet<PoolClient>();
  let handlers: NotificationHandlers | undefined;
  const onNotification = (message: { channel: string; payload?: string }) => {
    if (message.payload !== undefined) handlers?.notify(message.channel, message.payload);
  };
  const hear = (client: PoolClient) => {
    if (heard.has(client)) return;
    heard.add(client);
    client.on('notification', onNotification);
  };
  const listen = async () => {
    const client = await pool.connect();
    try {
      hear(client);
      await client.query(`LISTEN ${TASK_CHANNEL}; LISTEN ${REVOCATION_CHANNEL}`);
    } finally {
      client.release();
    }
  };
  return {
    async start(given) {
      handlers = given;
      pool.on('connect', hear);
      // What was committed between the old session and the new one went unheard.
      watchSession({
        lost: () => handlers?.down(),
        restored: async () => {
          if (!handlers) return;
          await listen();
          handlers?.up();
        },
      });
      await listen();
    },
    async close() {
      handlers = undefined;
      pool.off('connect', hear);
    },
  };
}
