import { EventEmitter } from 'node:events';
import type { Database } from '../../../src/db/database';
import type { ThreadWatcher } from '../../../src/db/supervised-thread';
import type { NotificationHandlers } from '../../../src/subscriptions/notification-source';
import { sessionListener } from '../../../src/subscriptions/session-listener';

/** A pool whose clients record what they were sent and can deliver a NOTIFY. */
function fakePool() {
  const sent: string[] = [];
  const clients: EventEmitter[] = [];
  const pool = Object.assign(new EventEmitter(), {
    async connect() {
      const client = Object.assign(new EventEmitter(), {
        query: async (sql: string) => void sent.push(sql),
        release: () => undefined,
      });
      clients.push(client);
      pool.emit('connect', client);
      return client;
    },
  });
  return { pool, sent, clients };
}

function database(pool: unknown) {
  const watchers: ThreadWatcher[] = [];
  const db = {
    dataSource: { driver: { master: pool } },
    embedded: true,
    watchSession: (watcher: ThreadWatcher) => void watchers.push(watcher),
  } as unknown as Database;
  return { db, watchers };
}

function recordingHandlers() {
  const seen: string[] = [];
  const handlers: NotificationHandlers = {
    notify: (channel, payload) => void seen.push(`${channel}:${payload}`),
    down: () => void seen.push('down'),
    up: () => void seen.push('up'),
  };
  return { handlers, seen };
}

/** A listener started on a fake pool, with what it sent and told. */
async function startedListener() {
  const { pool, sent, clients } = fakePool();
  const { db, watchers } = database(pool);
  const { handlers, seen } = recordingHandlers();
  const listener = sessionListener(db);
  await listener.start(handlers);
  return { pool, sent, clients, watchers, seen, listener };
}

describe('sessionListener', () => {
  it('should LISTEN again on a new session and tell the hub what it missed', async () => {
    const { sent, watchers, seen } = await startedListener();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^LISTEN /);

    watchers.forEach((w) => w.lost());
    expect(seen).toEqual(['down']);
    for (const w of watchers) await w.restored();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(seen).toEqual(['down', 'up']);
  });

  it('should hear a notification on whichever connection ran the COMMIT', async () => {
    const { pool, clients, seen } = await startedListener();
    await pool.connect();
    clients[1]!.emit('notification', { channel: 'task_changes', payload: '{}' });
    expect(seen).toEqual(['task_changes:{}']);
  });

  it('should tell nothing once closed', async () => {
    const { sent, watchers, seen, listener } = await startedListener();
    await listener.close();
    watchers.forEach((w) => w.lost());
    for (const w of watchers) await w.restored();
    expect(seen).toEqual([]);
    expect(sent).toHaveLength(1);
  });
});
