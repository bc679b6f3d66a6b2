import { randomUUID } from 'node:crypto';
import { createTask, ok } from '../../support/api';
import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { describeEachServer } from '../../support/test-database';
import { TEST_SECRET } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

const UNAUTHORIZED = { code: 4401, reason: 'Unauthorized' };
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Sends a document to one instance with a bearer token. */
async function ask(url: string, token: string, query: string, variables = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
}

describeEachServer('two server processes over one database on $name', (target) => {
  let second: ServerProcess;
  // The second instance listens through a URL of its own, as behind Neon's pooler: the
  // cross-instance cases below then prove DATABASE_LISTEN_URL is the connection that hears.
  const listenName = `task-api-listen-${randomUUID().slice(0, 8)}`;
  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(async () => {
    await second?.stop();
  });
  const first = useTestServer(target);
  beforeAll(async () => {
    const listenUrl = new URL(first.config.databaseUrl!);
    listenUrl.searchParams.set('application_name', listenName);
    second = await startServerProcess({
      NODE_ENV: 'test',
      DATABASE_URL: first.config.databaseUrl!,
      DATABASE_LISTEN_URL: listenUrl.toString(),
      BETTER_AUTH_SECRET: TEST_SECRET,
    });
  });

  it('should deliver a change made through one instance to a subscriber on the other, in commit order', async () => {
    const a = await first.user();
    const onSecond = await LiveSocket.connect(second.url, a.token);
    const onFirst = await LiveSocket.connect(first.url, a.token);
    onSecond.subscribe('1', TASK_CHANGED);
    onFirst.subscribe('1', TASK_CHANGED);
    await settle();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const url = i % 2 === 0 ? first.url : second.url;
      const res = await ask(url, a.token, 'mutation { createTask(input: { title: "x" }) { id } }');
      ids.push(res.data.createTask.id);
    }
    for (const socket of [onSecond, onFirst]) {
      const events = await socket.eventsFor('1', ids.length);
      expect(events.map((e) => e.data.taskChanged.taskId)).toEqual(ids);
    }
    await onSecond.close();
    await onFirst.close();
  });

  it('should LISTEN on DATABASE_LISTEN_URL, and on that connection only', async () => {
    const listening = (await first.app.database.dataSource.query(
      `SELECT application_name AS name FROM pg_stat_activity
        WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
    )) as { name: string }[];
    // One listener per instance: the first's on its DATABASE_URL, the second's on its own URL.
    expect(listening).toHaveLength(2);
    expect(listening.filter((row) => row.name === listenName)).toHaveLength(1);
  });

  it('should close within 1 s, on the other instance, a socket whose token was revoked', async () => {
    const a = await first.user();
    const socket = await LiveSocket.connect(second.url, a.token);
    socket.subscribe('1', TASK_CHANGED);
    await settle();
    const started = Date.now();
    ok(await a.gql('mutation { revokeCurrentToken }'));
    expect(await socket.closedWithin(1000)).toEqual(UNAUTHORIZED);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(1000);
  });

  it('should close within 1 s every socket of a user who revoked all tokens elsewhere', async () => {
    const a = await first.user();
    const sockets = [
      await LiveSocket.connect(first.url, a.token),
      await LiveSocket.connect(second.url, await first.token({ sub: a.id })),
    ];
    const b = await first.user();
    const bystander = await LiveSocket.connect(second.url, b.token);
    await createTask(a);
    const started = Date.now();
    const res = await ask(second.url, a.token, 'mutation { revokeAllTokens }');
    expect(res.data).toEqual({ revokeAllTokens: true });
    for (const socket of sockets) expect(await socket.closedWithin(1000)).toEqual(UNAUTHORIZED);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
    await bystander.close();
  });
});
