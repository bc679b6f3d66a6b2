import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentHash } from '../../../src/documents/document-hash';
import { ok } from '../../support/api';
import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestServer, type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** A subscribe message as a client sends it; `query: ''` is a hash alone (the protocol wants a string). */
function subscribe(socket: LiveSocket, id: string, query: string, extensions?: object) {
  socket.send({ id, type: 'subscribe', payload: { query, ...(extensions ? { extensions } : {}) } });
}

/** The refusal of subscription `id`, as its formatted errors. */
async function refusal(socket: LiveSocket, id: string) {
  const message = await socket.waitFor((m) => m.id === id);
  expect(message.type).toBe('error');
  return message.payload as unknown[];
}

/** What HTTP answers the same operation: its errors, for the socket's to equal. */
async function httpErrors(
  server: TestServer,
  user: TestUser,
  query: string | undefined,
  extensions?: object,
) {
  const res = await server.post(
    { ...(query === undefined ? {} : { query }), ...(extensions ? { extensions } : {}) },
    { authorization: `Bearer ${user.token}` },
  );
  return res.body.errors;
}

/** A mutation the trusted manifest lists too, so writes work in that mode. */
const ADD_TASK = 'mutation AddTask { createTask(input: { title: "live" }) { id } }';

/** Each of `ids` is running: a task created now arrives on every one, as its only event. */
async function expectLive(socket: LiveSocket, user: TestUser, ...ids: string[]) {
  await settle();
  const taskId = ok(await user.gql<{ createTask: { id: string } }>(ADD_TASK)).createTask.id;
  for (const id of ids) {
    const events = await socket.eventsFor(id, 1);
    expect(events.map((event) => event.data.taskChanged.taskId)).toEqual([taskId]);
  }
}

const UNLISTED = 'subscription { taskChanged { kind taskId } }';

describe.each(TEST_TARGETS)('subscription documents on $name', (target) => {
  describe('with TRUSTED_DOCUMENTS', () => {
    let server: TestServer;
    let dir: string;
    const listedId = documentHash(TASK_CHANGED);
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'trusted-ws-'));
      const path = join(dir, 'persisted-documents.json');
      await writeFile(
        path,
        JSON.stringify({ [listedId]: TASK_CHANGED, [documentHash(ADD_TASK)]: ADD_TASK }),
      );
      server = await startTestServer(target, { NODE_ENV: 'production', TRUSTED_DOCUMENTS: path });
    });
    afterAll(async () => {
      await server?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('should run a listed subscription sent by its id alone, or as its exact text', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      subscribe(socket, 'by-id', '', persisted(listedId));
      subscribe(socket, 'by-text', TASK_CHANGED);
      subscribe(socket, 'both', TASK_CHANGED, persisted(listedId));
      await expectLive(socket, a, 'by-id', 'by-text', 'both');
      await socket.close();
    });

    it('should refuse every other document with the code and message HTTP gives', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      const cases: [string, string, object | undefined, string][] = [
        ['text', UNLISTED, undefined, 'PERSISTED_QUERY_NOT_IN_LIST'],
        ['text-hash', UNLISTED, persisted(documentHash(UNLISTED)), 'PERSISTED_QUERY_NOT_IN_LIST'],
        ['unknown-id', '', persisted(documentHash(UNLISTED)), 'PERSISTED_QUERY_NOT_FOUND'],
        ['other-text', UNLISTED, persisted(listedId), 'PERSISTED_QUERY_HASH_MISMATCH'],
        ['listed-plus-space', `${TASK_CHANGED}\n`, undefined, 'PERSISTED_QUERY_NOT_IN_LIST'],
      ];
      for (const [id, query, extensions, code] of cases) {
        subscribe(socket, id, query, extensions);
        const errors = await refusal(socket, id);
        expect(errors).toEqual(await httpErrors(server, a, query || undefined, extensions));
        expect(errors).toEqual([expect.objectContaining({ extensions: { code } })]);
      }
      // Refusals end only the subscription: the socket still runs listed documents.
      subscribe(socket, 'after', '', persisted(listedId));
      await expectLive(socket, a, 'after');
      await socket.close();
    });
  });

  describe('with automatic persisted queries', () => {
    const server = useTestServer(target);

    it('should resolve a registered hash for its user only, as HTTP does', async () => {
      const a = await server.user();
      const b = await server.user();
      // A text of A's own: literals in a document may be the user's data.
      const text = `subscription Mine { taskChanged { kind taskId task { title } } }`;
      const hash = documentHash(text);
      const aSocket = await LiveSocket.connect(server.url, a.token);
      subscribe(aSocket, 'miss', '', persisted(hash));
      const miss = await refusal(aSocket, 'miss');
      expect(miss).toEqual(await httpErrors(server, a, undefined, persisted(hash)));
      expect(miss).toEqual([
        { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ]);
      subscribe(aSocket, 'register', text, persisted(hash));
      await expectLive(aSocket, a, 'register');
      aSocket.complete('register');
      subscribe(aSocket, 'hit', '', persisted(hash));
      await expectLive(aSocket, a, 'hit');
      // B never learns that A registered it: the same answer as for a hash no one sent.
      const bSocket = await LiveSocket.connect(server.url, b.token);
      subscribe(bSocket, 'probe', '', persisted(hash));
      expect(await refusal(bSocket, 'probe')).toEqual(miss);
      await aSocket.close();
      await bSocket.close();
    });

    it('should refuse a hash that is not the text’s SHA-256, and an unknown version, as HTTP does', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      const wrong = persisted(documentHash('something else'));
      subscribe(socket, 'mismatch', TASK_CHANGED, wrong);
      const mismatch = await refusal(socket, 'mismatch');
      expect(mismatch).toEqual(await httpErrors(server, a, TASK_CHANGED, wrong));
      expect(mismatch).toEqual([
        expect.objectContaining({ extensions: { code: 'PERSISTED_QUERY_HASH_MISMATCH' } }),
      ]);
      const version = { persistedQuery: { version: 2, sha256Hash: documentHash(TASK_CHANGED) } };
      subscribe(socket, 'version', TASK_CHANGED, version);
      const refused = await refusal(socket, 'version');
      expect(refused).toEqual(await httpErrors(server, a, TASK_CHANGED, version));
      expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
      await socket.close();
    });
  });

  describe('with PERSISTED_QUERIES=false', () => {
    const server = useTestServer(target, { PERSISTED_QUERIES: 'false' });

    it('should refuse a hash with PERSISTED_QUERY_NOT_SUPPORTED, as HTTP does, and run plain text', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      const hash = persisted(documentHash(TASK_CHANGED));
      subscribe(socket, 'hash', TASK_CHANGED, hash);
      const errors = await refusal(socket, 'hash');
      expect(errors).toEqual(await httpErrors(server, a, TASK_CHANGED, hash));
      expect(errors).toEqual([
        {
          message: 'PersistedQueryNotSupported',
          extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
        },
      ]);
      subscribe(socket, 'text', TASK_CHANGED);
      await expectLive(socket, a, 'text');
      await socket.close();
    });
  });
});
