import type { Socket } from 'node:net';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { MAX_UNANSWERED } from '../../../src/db/pipeline/shared-connection';
import { createTask, ok } from '../../support/api';
import { TEST_TARGETS } from '../../support/test-database';
import type { TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

const LIST = '{ tasks(first: 20) { nodes { title } } }';
const USERS = 12;

/** The most statements already sent and unanswered on a connection when another is sent. */
function watchUnanswered() {
  const query = Client.prototype.query;
  let most = 0;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const sent = (this as unknown as { _sentQueryQueue: unknown[] })._sentQueryQueue.length;
    most = Math.max(most, sent);
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return {
    reset: () => void (most = 0),
    most: () => most,
    restore: () => void (Client.prototype.query = query),
  };
}

/**
 * Holds back the database's answers on every pooled connection until `released`: requests
 * that overlap then can only do so by sending behind an unanswered read.
 */
async function withAnswersHeld<T>(
  dataSource: DataSource,
  requests: () => Promise<T>,
  released: () => boolean,
): Promise<T> {
  const pool = (dataSource.driver as unknown as { master: { _clients: Client[] } }).master;
  const sockets = pool._clients.map(
    (c) => (c as unknown as { connection: { stream: Socket } }).connection.stream,
  );
  for (const socket of sockets) socket.pause();
  const answered = requests();
  for (let waited = 0; !released() && waited < 5000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (const socket of sockets) socket.resume();
  return answered;
}

// One pooled connection on PostgreSQL (PGlite keeps its own pool of 4), so the requests below
// can only overlap by sharing it.
describe.each(TEST_TARGETS)('lone reads sharing a connection on $name', (target) => {
  const server = useTestServer(target, { DB_POOL_MAX: '1' });
  let users: TestUser[];
  let watch: ReturnType<typeof watchUnanswered>;

  beforeAll(async () => {
    users = [];
    for (let i = 0; i < USERS; i += 1) {
      const user = await server.user();
      await createTask(user, { title: `task of ${user.id}` });
      // The first run prepares the statements; from then on the read leaves as one message.
      ok(await user.gql(LIST));
      users.push(user);
    }
    watch = watchUnanswered();
  });
  afterAll(() => watch?.restore());

  const titles = (user: TestUser) =>
    user.gql(LIST).then((res) => ok(res).tasks.nodes.map((t: { title: string }) => t.title));

  it("should send other users' reads behind an unanswered one, each answered with its own user's rows", async () => {
    watch.reset();
    const answers = await withAnswersHeld(
      server.app.database.dataSource,
      () => Promise.all([...users, ...users].map(titles)),
      () => watch.most() > 1,
    );
    expect(answers).toEqual([...users, ...users].map((user) => [`task of ${user.id}`]));
    expect(watch.most()).toBeGreaterThan(1);
    expect(watch.most()).toBeLessThanOrEqual(MAX_UNANSWERED);
  });

  it("should refuse revoked tokens between other users' reads and answer the others as usual", async () => {
    const revoked: TestUser[] = [];
    for (let i = 0; i < 4; i += 1) {
      const user = await server.user();
      ok(await user.gql(LIST));
      ok(await user.gql('mutation { revokeAllTokens }'));
      revoked.push(user);
    }
    watch.reset();
    const [kept, refused] = await withAnswersHeld(
      server.app.database.dataSource,
      () =>
        Promise.all([
          Promise.all(users.map(titles)),
          Promise.all(revoked.map((user) => user.gql(LIST))),
        ]),
      () => watch.most() > 1,
    );
    expect(kept).toEqual(users.map((user) => [`task of ${user.id}`]));
    for (const res of refused) {
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
