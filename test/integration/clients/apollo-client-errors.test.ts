import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { ApolloClient } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import {
  createBetterAuthToken,
  signUpWithBetterAuth,
  type RefreshableToken,
} from '../../../examples/apollo-client/better-auth.token';
import { describeError, serverErrorCode } from '../../../examples/apollo-client/error-code';
import { runExampleApp } from '../../../examples/apollo-client/example-app';
import { MeDocument, TasksDocument } from '../../../examples/apollo-client/generated/graphql';
import { createTaskApiClient } from '../../../examples/apollo-client/task-api.client';
import { startBetterAuthChild, type BetterAuthChild } from '../../support/better-auth-child';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

const ROOT = join(__dirname, '..', '..', '..');
const PASSWORD = 'correct-horse-battery-staple';

/** A fetch that records each answer's status for the requests it sends to `url`. */
function recording(url: string) {
  const statuses: number[] = [];
  const send: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (String(input).startsWith(url)) statuses.push(res.status);
    return res;
  };
  return { statuses, send };
}

/** A Better Auth account of its own for one test. */
async function account(auth: BetterAuthChild, name = 'Ann') {
  const email = `${randomUUID()}@example.com`;
  await signUpWithBetterAuth({ baseUrl: auth.url, email, password: PASSWORD, name });
  return { email, token: createBetterAuthToken({ baseUrl: auth.url, email, password: PASSWORD }) };
}

/** Starts out with a token the API refuses, as a cached token past its expiry would be. */
function stale(token: RefreshableToken, refused = 'not.a.jwt') {
  let current: string | undefined = refused;
  let refreshes = 0;
  return {
    getToken: () => current ?? token.getToken(),
    refresh: async () => {
      refreshes += 1;
      current = undefined;
      return token.refresh();
    },
    refreshes: () => refreshes,
  };
}

describe.each(TEST_TARGETS)('Apollo Client example against Better Auth on $name', (target) => {
  let auth: BetterAuthChild;
  let server: TestServer;
  const clients: ApolloClient[] = [];
  const track = (client: ApolloClient) => (clients.push(client), client);

  beforeAll(async () => {
    auth = await startBetterAuthChild();
    server = await startTestServer(target, { BETTER_AUTH_URL: auth.url });
  });
  afterAll(async () => {
    for (const client of clients) client.stop();
    await server?.close();
    await auth?.close();
  });

  describe('401', () => {
    it("should take the JWT from Better Auth's /api/auth/token and be its user", async () => {
      const { email, token } = await account(auth);
      const client = track(createTaskApiClient({ uri: server.url, getToken: token.getToken }));
      const { data } = await client.query({ query: MeDocument });
      expect(data?.me).toMatchObject({ email, name: 'Ann', id: expect.any(String) });
    });

    it('should refresh the token from Better Auth once and retry the operation', async () => {
      const { email, token } = await account(auth);
      const source = stale(token);
      const { statuses, send } = recording(server.url);
      const client = track(
        createTaskApiClient({
          uri: server.url,
          getToken: source.getToken,
          refreshToken: source.refresh,
          fetch: send,
        }),
      );
      const { data } = await client.query({ query: MeDocument });
      expect(data?.me.email).toBe(email);
      expect(statuses).toEqual([401, 200]);
      expect(source.refreshes()).toBe(1);
    });

    it('should hand a second 401 on as a ServerError whose code is only in the body text', async () => {
      const { token } = await account(auth);
      const { statuses, send } = recording(server.url);
      const client = track(
        createTaskApiClient({
          uri: server.url,
          getToken: () => 'still.not.a.jwt',
          refreshToken: () => token.refresh(),
          fetch: send,
        }),
      );
      const error = await client.query({ query: MeDocument }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(statuses).toEqual([401, 401]);
      expect(ServerError.is(error)).toBe(true);
      const refused = error as ServerError;
      expect(refused.statusCode).toBe(401);
      expect(serverErrorCode(refused)).toBe('UNAUTHENTICATED');
      expect(describeError(refused)).toEqual([
        expect.stringMatching(/^HTTP 401 UNAUTHENTICATED: /),
      ]);
    });

    it('should not retry a 401 when no refresh is configured', async () => {
      const { statuses, send } = recording(server.url);
      const client = track(
        createTaskApiClient({ uri: server.url, getToken: () => 'bad', fetch: send }),
      );
      await expect(client.query({ query: MeDocument })).rejects.toThrow();
      expect(statuses).toEqual([401]);
    });
  });

  describe('GraphQL errors', () => {
    it('should show extensions.code, and each user only their own tasks', async () => {
      const ann = await account(auth, 'Ann');
      const bob = await account(auth, 'Bob');
      const lines: Record<string, string[]> = { ann: [], bob: [] };
      for (const [name, who] of [
        ['ann', ann],
        ['bob', bob],
      ] as const) {
        const client = track(
          createTaskApiClient({ uri: server.url, getToken: who.token.getToken }),
        );
        await runExampleApp(client, (line) => lines[name]!.push(line));
      }
      for (const name of ['ann', 'bob']) {
        expect(lines[name]).toContain('1 task(s); first page:');
        expect(lines[name]).toContainEqual(
          expect.stringMatching(/^refused as expected: NOT_FOUND: /),
        );
      }
      // Bob's list holds his task only, not Ann's, created before it.
      expect(lines.bob!.filter((line) => line.startsWith('  [ ] '))).toHaveLength(1);
    });
  });

  describe('npm run example', () => {
    // Asynchronously: the API answering it runs in this process.
    it('should sign up, sign in, create and list as the README says', async () => {
      const run = await promisify(execFile)(
        process.execPath,
        ['--require', './scripts/swc-register.cjs', 'examples/apollo-client/main.ts'],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...process.env,
            API_URL: server.url,
            BETTER_AUTH_URL: auth.url,
            EXAMPLE_EMAIL: `${randomUUID()}@example.com`,
            EXAMPLE_PASSWORD: PASSWORD,
            EXAMPLE_SIGN_UP: '1',
          },
        },
      );
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^signed in as .+@example\.com\ncreated task /);
      expect(run.stdout).toMatch(/refused as expected: NOT_FOUND: /);
    });
  });
});

describe.each(TEST_TARGETS)('Apollo Client example under rate limits on $name', (target) => {
  const clients: ApolloClient[] = [];

  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(() => {
    for (const client of clients) client.stop();
  });
  const server = useTestServer(target, { RATE_LIMIT_OPERATIONS: '2', RATE_LIMIT_WINDOW: '2s' });

  /** A client of a fresh user whose two operations of the window are already spent. */
  async function spent(retry: { maxRetryAfterSeconds?: number } = {}) {
    const user = await server.user();
    const { statuses, send } = recording(server.url);
    const client = createTaskApiClient({
      uri: server.url,
      getToken: () => user.token,
      fetch: send,
      retry,
    });
    clients.push(client);
    for (let i = 0; i < 2; i += 1) {
      await client.query({ query: TasksDocument, fetchPolicy: 'network-only' });
    }
    return { client, statuses };
  }

  it('should wait what Retry-After says after a 429 and then succeed', async () => {
    const { client, statuses } = await spent();
    const started = Date.now();
    const { data } = await client.query({ query: TasksDocument, fetchPolicy: 'network-only' });
    expect(data?.tasks.totalCount).toBe(0);
    expect(statuses).toEqual([200, 200, 429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('should hand the 429 on, RATE_LIMITED in its body, when Retry-After is beyond the limit', async () => {
    const { client, statuses } = await spent({ maxRetryAfterSeconds: 0 });
    const error = await client.query({ query: TasksDocument, fetchPolicy: 'network-only' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(statuses).toEqual([200, 200, 429]);
    expect(ServerError.is(error) && error.statusCode).toBe(429);
    expect(serverErrorCode(error as ServerError)).toBe('RATE_LIMITED');
    expect((error as ServerError).response.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
