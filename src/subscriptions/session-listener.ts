import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { REVOCATION_CHANNEL, TASK_CHANNEL } from '../db/notify-channels';
import type { NotificationHandlers, NotificationSource } from './notification-source';

/**
 * Embedded PGlite is one session behind a pool of one: LISTEN is session state, so it holds
 * for every pooled connection there, and a notification comes out on whichever connection
 * ran the COMMIT. So: LISTEN once, and hear every connection the pool hands out.
 */
export function sessionListener(dataSource: DataSource): NotificationSource {
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
  return {
    async start(given) {
      handlers = given;
      pool.on('connect', hear);
      const client = await pool.connect();
      try {
        hear(client);
        await client.query(`LISTEN ${TASK_CHANNEL}; LISTEN ${REVOCATION_CHANNEL}`);
      } finally {
        client.release();
      }
    },
    async close() {
      handlers = undefined;
      pool.off('connect', hear);
    },
  };
}
