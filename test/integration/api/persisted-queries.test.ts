import type { ApolloClient } from '@apollo/client';
import { automaticPersistedQueries } from '../../../examples/apollo-client/persisted-queries.link';
import { createTaskApiClient } from '../../../examples/apollo-client/task-api.client';
import { createTask } from '../../../examples/apollo-client/task.mutations';
import { MeDocument } from '../../../examples/apollo-client/generated/graphql';
import { documentHash } from '../../../src/documents/document-hash';
import { TEST_TARGETS } from '../../support/test-database';
import { type TestServer, type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

// Tests may read their own settings from the environment; .ci/run sets it when Redis answers.
const redisUrl = process.env.TEST_REDIS_URL;

const QUERY = '{ me { id } }';
const persisted = (sha256Hash: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash } },
});

interface Sent {
  readonly query?: string;
  readonly hash?: string;
}

/** The example's client with APQ on, and what each of its requests carried. */
function apqClient(server: TestServer, user: TestUser) {
  const sent: Sent[] = [];
  const client = createTaskApiClient({
    uri: server.url,
    getToken: () => user.token,
    persistedQueries: automaticPersistedQueries(),
    fetch: async (input, init) => {
      const body = JSON.parse(String(init?.body));
      sent.push({ query: body.query, hash: body.extensions?.persistedQuery?.sha256Hash });
      return fetch(input, init);
    },
  });
  return { client, sent };
}

const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
  res.body.errors?.[0]?.extensions?.['code'];

describe.each(TEST_TARGETS)('Automatic persisted queries on $name', (target) => {
  const clients: ApolloClient[] = [];
  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(() => {
    for (const client of clients) client.stop();
  });
  const server = useTestServer(target);

  it("should register a document once, then send only its hash, with Apollo Client's PersistedQueryLink", async () => {
    const alice = await server.user({ email: 'alice@example.com' });
    const { client, sent } = apqClient(server, alice);
    clients.push(client);
    const first = await client.query({ query: MeDocument, fetchPolicy: 'network-only' });
    expect(first.data?.me.id).toBe(alice.id);
    // The hash alone, refused as not found; then the text with its hash.
    expect(sent).toHaveLength(2);
    expect(sent[0]).toEqual({ query: undefined, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sent[1]).toEqual({ query: expect.any(String), hash: sent[0]!.hash });
    expect(documentHash(sent[1]!.query!)).toBe(sent[0]!.hash);
    const again = await client.query({ query: MeDocument, fetchPolicy: 'network-only' });
    expect(again.data?.me.id).toBe(alice.id);
    expect(sent[2]).toEqual({ query: undefined, hash: sent[0]!.hash });
    expect(sent).toHaveLength(3);
  });

  it('should run mutations by hash too, writing once', async () => {
    const alice = await server.user();
    const { client, sent } = apqClient(server, alice);
    clients.push(client);
    await createTask(client, { title: 'by hash one' });
    await createTask(client, { title: 'by hash two' });
    expect(sent.map((s) => s.query === undefined)).toEqual([true, false, true]);
    const res = await alice.gql('{ tasks { totalCount } }');
    expect(res.body.data?.tasks.totalCount).toBe(2);
  });

  it('should keep a hash one user registered unknown to every other user', async () => {
    const alice = await server.user();
    const bob = await server.user();
    const hash = documentHash(QUERY);
    const auth = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });
    const registered = await server.post({ query: QUERY, ...persisted(hash) }, auth(alice));
    expect(registered.body).toEqual({ data: { me: { id: alice.id } } });
    const byAlice = await server.post(persisted(hash), auth(alice));
    expect(byAlice.body).toEqual({ data: { me: { id: alice.id } } });
    const byBob = await server.post(persisted(hash), auth(bob));
    expect(byBob.status).toBe(200);
    expect(byBob.body).toEqual({
      errors: [
        { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      ],
    });
  });

  it('should refuse a hash that is not the sha256 of the text sent with it, storing nothing', async () => {
    const alice = await server.user();
    const auth = { authorization: `Bearer ${alice.token}` };
    const wrong = documentHash('{ __typename }');
    const res = await server.post({ query: QUERY, ...persisted(wrong) }, auth);
    expect(res.status).toBe(400);
    expect(codeOf(res)).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    expect(res.body.data).toBeUndefined();
    expect(codeOf(await server.post(persisted(wrong), auth))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('should still require a token to register or to run a hash', async () => {
    const alice = await server.user();
    const hash = documentHash(QUERY);
    await server.post(
      { query: QUERY, ...persisted(hash) },
      { authorization: `Bearer ${alice.token}` },
    );
    for (const body of [persisted(hash), { query: QUERY, ...persisted(hash) }]) {
      const res = await server.post(body);
      expect(res.status).toBe(401);
      expect(codeOf(res)).toBe('UNAUTHENTICATED');
    }
  });

  it('should resolve a hash sent by GET', async () => {
    const alice = await server.user();
    const hash = documentHash(QUERY);
    await server.post(
      { query: QUERY, ...persisted(hash) },
      { authorization: `Bearer ${alice.token}` },
    );
    const url = new URL(server.url);
    url.searchParams.set('extensions', JSON.stringify(persisted(hash).extensions));
    const res = await fetch(url, {
      headers: { authorization: `Bearer ${alice.token}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { me: { id: alice.id } } });
  });
});

describe.each(TEST_TARGETS)('Persisted queries switched off on $name', (target) => {
  const server = useTestServer(target, { PERSISTED_QUERIES: 'false' });

  it('should answer PERSISTED_QUERY_NOT_SUPPORTED, which makes the link send texts only', async () => {
    const alice = await server.user();
    const res = await server.post(persisted(documentHash(QUERY)), {
      authorization: `Bearer ${alice.token}`,
    });
    expect(codeOf(res)).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    const { client, sent } = apqClient(server, alice);
    const { data } = await client.query({ query: MeDocument });
    expect(data?.me.id).toBe(alice.id);
    client.stop();
    expect(sent.map((s) => s.query !== undefined)).toEqual([false, true]);
  });
});

(redisUrl ? describe : describe.skip)('Automatic persisted queries shared in Redis', () => {
  const [target] = TEST_TARGETS;
  const one = useTestServer(target!, { REDIS_URL: redisUrl! });
  const two = useTestServer(target!, { REDIS_URL: redisUrl! });

  it('should resolve on one instance a hash registered on another, for the same user only', async () => {
    const alice = await one.user();
    const bob = await one.user();
    const query = `{ me { id } } # ${alice.id}`;
    const hash = documentHash(query);
    const auth = (user: TestUser) => ({ authorization: `Bearer ${user.token}` });
    await one.post({ query, ...persisted(hash) }, auth(alice));
    const elsewhere = await two.post(persisted(hash), auth(alice));
    expect(elsewhere.body).toEqual({ data: { me: { id: alice.id } } });
    expect(codeOf(await two.post(persisted(hash), auth(bob)))).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
