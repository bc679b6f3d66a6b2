import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { ApolloClient, ApolloLink } from '@apollo/client';
import {
  MeDocument,
  TaskChangedDocument,
  TasksDocument,
} from '../../../examples/apollo-client/generated/graphql';
import { createLiveLink } from '../../../examples/apollo-client/live.link';
import { createTaskCache } from '../../../examples/apollo-client/task.cache';
import { trustedDocuments } from '../../../examples/apollo-client/persisted-queries.link';
import { createTaskApiClient } from '../../../examples/apollo-client/task-api.client';
import { createTask, deleteTask, updateTask } from '../../../examples/apollo-client/task.mutations';
import { documentHash } from '../../../src/documents/document-hash';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestServer, type TestUser } from '../../support/test-server';

const ROOT = join(__dirname, '../../..');
const EXAMPLE = join(ROOT, 'examples/apollo-client');
const COMMITTED = join(EXAMPLE, 'generated/persisted-query-manifest.json');

interface Manifest {
  operations: { id: string; name: string; type: string; body: string }[];
}

/** Builds the example's manifest as its README says, into `dir`; answers its path. */
async function buildManifest(dir: string): Promise<string> {
  const config = JSON.parse(
    await readFile(join(EXAMPLE, 'persisted-query-manifest.config.json'), 'utf8'),
  ) as { documents: string[] };
  const output = join(dir, 'manifest.json');
  const configPath = join(dir, 'persisted-query-manifest.config.json');
  await writeFile(configPath, JSON.stringify({ documents: config.documents, output }));
  await promisify(execFile)(
    join(ROOT, 'node_modules/.bin/generate-persisted-query-manifest'),
    ['--config', configPath],
    { cwd: ROOT, timeout: 60_000 },
  );
  return output;
}

describe('the example app persisted query manifest', () => {
  it('should be built from the example operations and committed as built', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'manifest-'));
    try {
      const built = JSON.parse(await readFile(await buildManifest(dir), 'utf8')) as Manifest;
      const committed = JSON.parse(await readFile(COMMITTED, 'utf8')) as Manifest;
      expect(committed).toEqual(built);
      expect(built.operations.map((op) => op.name).sort()).toEqual([
        'CreateTask',
        'DeleteTask',
        'Me',
        'TaskChanged',
        'Tasks',
        'UpdateTask',
      ]);
      for (const op of built.operations) expect(op.id).toBe(documentHash(op.body));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.each(TEST_TARGETS)('Trusted documents mode on $name', (target) => {
  let server: TestServer;
  let manifest: Manifest;
  let dir: string;
  const clients: ApolloClient[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trusted-'));
    const path = await buildManifest(dir);
    manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
    server = await startTestServer(target, { NODE_ENV: 'production', TRUSTED_DOCUMENTS: path });
  });
  afterAll(async () => {
    for (const client of clients) client.stop();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The example's client sending manifest ids only; `sent` records what left it. */
  function trustedClient(user: TestUser) {
    const sent: { query?: string; id?: string }[] = [];
    const client = createTaskApiClient({
      uri: server.url,
      getToken: () => user.token,
      persistedQueries: trustedDocuments(manifest),
      fetch: async (input, init) => {
        const body = JSON.parse(String(init?.body));
        sent.push({ query: body.query, id: body.extensions?.persistedQuery?.sha256Hash });
        return fetch(input, init);
      },
    });
    clients.push(client);
    return { client, sent };
  }

  it('should run every operation of the example app by its manifest id', async () => {
    const alice = await server.user({ email: 'alice@example.com' });
    const { client, sent } = trustedClient(alice);
    const me = await client.query({ query: MeDocument });
    expect(me.data?.me).toMatchObject({ id: alice.id, email: 'alice@example.com' });
    const task = await createTask(client, { title: 'trusted', priority: 'HIGH' });
    const updated = await updateTask(client, task.id, { completed: true });
    expect(updated).toMatchObject({ id: task.id, completed: true });
    const list = await client.query({ query: TasksDocument, variables: { first: 5 } });
    expect(list.data?.tasks.edges.map((edge) => edge.node.id)).toEqual([task.id]);
    await deleteTask(client, task.id);
    const ids = new Set(manifest.operations.map((op) => op.id));
    expect(sent).toHaveLength(5);
    for (const request of sent) {
      expect(request.query).toBeUndefined();
      expect(ids.has(request.id!)).toBe(true);
    }
  });

  it("should run the example's live subscription by its manifest id over the socket", async () => {
    const alice = await server.user();
    const { link, socket } = createLiveLink({
      uri: server.url,
      getToken: () => alice.token,
      webSocketImpl: WebSocket,
    });
    const live = new ApolloClient({
      link: ApolloLink.from([trustedDocuments(manifest), link]),
      cache: createTaskCache(),
    });
    const events: string[] = [];
    const subscription = live
      .subscribe({ query: TaskChangedDocument, fetchPolicy: 'no-cache' })
      .subscribe({
        next: ({ data, error }) => {
          if (error) events.push(`error: ${error.message}`);
          if (data) events.push(data.taskChanged.taskId);
        },
      });
    try {
      for (let i = 0; i < 50 && !(await subscribed()); i += 1) await pause(100);
      const task = await createTask(trustedClient(alice).client, { title: 'live' });
      for (let i = 0; i < 50 && events.length === 0; i += 1) await pause(100);
      expect(events).toEqual([task.id]);
    } finally {
      subscription.unsubscribe();
      await socket.dispose();
      live.stop();
    }
  });

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const subscribed = async () =>
    /task_api_ws_active_subscriptions [1-9]/.test(await server.app.metrics.registry.metrics());

  it("should answer each user's listed operations with that user's rows only", async () => {
    const alice = await server.user();
    const bob = await server.user();
    await createTask(trustedClient(alice).client, { title: 'alice only' });
    const list = await trustedClient(bob).client.query({
      query: TasksDocument,
      variables: { first: 5 },
    });
    expect(list.data?.tasks.totalCount).toBe(0);
  });

  it('should run a listed document sent as its exact text', async () => {
    const alice = await server.user();
    const me = manifest.operations.find((op) => op.name === 'Me')!;
    const res = await alice.gql(me.body);
    expect(res.body).toEqual({
      data: { me: { __typename: 'User', id: alice.id, email: null, name: null } },
    });
  });

  it('should refuse any other document with PERSISTED_QUERY_NOT_IN_LIST and run nothing', async () => {
    const alice = await server.user();
    const auth = { authorization: `Bearer ${alice.token}` };
    const unlisted = 'mutation { createProject(input: { name: "not listed" }) { id } }';
    for (const body of [
      { query: unlisted },
      {
        query: unlisted,
        extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(unlisted) } },
      },
    ]) {
      const res = await server.post(body, auth);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        errors: [
          {
            message: 'This server runs only its trusted documents, and this is not one of them.',
            extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
          },
        ],
      });
    }
    const me = manifest.operations.find((op) => op.name === 'Me')!;
    const listedAsText = await alice.gql(`${me.body}\n`);
    expect(listedAsText.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    const unknownId = await server.post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(unlisted) } } },
      auth,
    );
    expect(unknownId.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    const [row] = await server.app.database.dataSource.query(
      `SELECT count(*)::int AS n FROM projects WHERE name = 'not listed'`,
    );
    expect(row).toEqual({ n: 0 });
  });

  it('should refuse a listed id sent with another text', async () => {
    const alice = await server.user();
    const me = manifest.operations.find((op) => op.name === 'Me')!;
    const res = await server.post(
      { query: '{ me { id } }', extensions: { persistedQuery: { version: 1, sha256Hash: me.id } } },
      { authorization: `Bearer ${alice.token}` },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('should still answer 401 to an id sent without a token', async () => {
    const me = manifest.operations.find((op) => op.name === 'Me')!;
    const res = await server.post({
      extensions: { persistedQuery: { version: 1, sha256Hash: me.id } },
    });
    expect(res.status).toBe(401);
  });
});

// On PGlite alone: a server that fails to start leaves no database of its own behind.
describe('Trusted documents at start-up', () => {
  const pglite = TEST_TARGETS.find((t) => t.name === 'pglite')!;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trusted-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('should not start with a manifest the schema does not validate, or no manifest at all', async () => {
    const stale = join(dir, 'stale.json');
    await writeFile(
      stale,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: 'x', name: 'Old', type: 'query', body: '{ oldField }' }],
      }),
    );
    await expect(startTestServer(pglite, { TRUSTED_DOCUMENTS: stale })).rejects.toThrow(
      /TRUSTED_DOCUMENTS \(.*stale\.json\):\n {2}- Old \(x\): Cannot query field "oldField"/,
    );
    await expect(
      startTestServer(pglite, { TRUSTED_DOCUMENTS: join(dir, 'missing.json') }),
    ).rejects.toThrow(/cannot read the file \(ENOENT\)/);
  });
});
