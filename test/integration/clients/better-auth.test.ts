import { randomBytes } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { rowsMentioning } from '../../support/account-rows';
import { createProject, createTask, errorOf, ok } from '../../support/api';
import {
  startBetterAuth,
  type BetterAuthAlgorithm,
  type BetterAuthServer,
  type BetterAuthUser,
} from '../../support/better-auth-server';
import { freePort } from '../../support/free-port';
import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';
import { captureLog, type LogCapture } from '../../support/log-capture';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

const ME = '{ me { id email name } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const ask = (api: TestServer, token: string, query = ME) =>
  api.post({ query }, { authorization: `Bearer ${token}` });

const meOf = (user: BetterAuthUser) => ({
  me: { id: user.id, email: user.email, name: user.name },
});

const kidOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid?: string }).kid;

const reasons = (log: LogCapture) => log.events('auth_failure').map((line) => line['reason']);

/** A token Better Auth never signed: right claims, a kid nobody knows, a key of our own. */
async function forged(auth: BetterAuthServer, user: BetterAuthUser) {
  const { privateKey } = await generateKeyPair('EdDSA');
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ email: user.email })
    .setProtectedHeader({ alg: 'EdDSA', kid: `forged-${randomBytes(4).toString('hex')}` })
    .setSubject(user.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 600)
    .setIssuer(auth.url)
    .setAudience(auth.url)
    .sign(privateKey);
}

describe.each(TEST_TARGETS)('Better Auth end to end on $name', (target) => {
  describe.each<BetterAuthAlgorithm>(['EdDSA', 'ES256', 'RS256'])('with %s keys', (alg) => {
    let auth: BetterAuthServer;
    let api: TestServer;
    beforeAll(async () => {
      auth = await startBetterAuth({ alg });
      api = await startTestServer(target, {
        BETTER_AUTH_URL: auth.url,
        BETTER_AUTH_SECRET: auth.secret,
      });
    });
    afterAll(async () => {
      await api?.close();
      await auth?.close();
    });

    it("should serve me with Better Auth's id, email and name from /api/auth/token", async () => {
      const user = await auth.signUp();
      const token = await auth.token(user);
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toMatchObject({
        alg,
      });
      expect(ok(await ask(api, token))).toEqual(meOf(user));
    });

    it('should serve me from the set-auth-jwt header of get-session', async () => {
      const user = await auth.signUp();
      expect(ok(await ask(api, await auth.sessionJwt(user)))).toEqual(meOf(user));
    });

    it("should serve me from the guide's shared-secret (HS256) route handler", async () => {
      const user = await auth.signUp();
      const token = await auth.hs256Token(user);
      expect(kidOf(token)).toBeUndefined();
      expect(ok(await ask(api, token))).toEqual(meOf(user));
    });

    it("should open a socket with Better Auth's token, verified through its JWKS as over HTTP, and close one it never signed with 4401", async () => {
      const user = await auth.signUp();
      const token = await auth.token(user);
      const socket = await LiveSocket.connect(api.url, token);
      socket.subscribe('1', TASK_CHANGED);
      await sleep(300);
      const asUser = {
        id: user.id,
        token,
        gql: (query: string, variables?: Record<string, unknown>) =>
          api.post({ query, variables }, { authorization: `Bearer ${token}` }) as any,
      };
      const task = await createTask(asUser);
      const [event] = await socket.eventsFor('1', 1);
      expect(event.data.taskChanged.taskId).toBe(task.id);
      await socket.close();
      const stranger = await LiveSocket.open(api.url);
      expect(await stranger.init({ authorization: `Bearer ${await forged(auth, user)}` })).toEqual({
        code: 4401,
        reason: 'Unauthorized',
      });
    });

    it("should keep one user's data from another signed in the same way", async () => {
      const a = await auth.signUp();
      const b = await auth.signUp();
      const aToken = await auth.token(a);
      const bToken = await auth.token(b);
      const asUser = (token: string) => ({
        id: '',
        token,
        gql: (query: string, variables?: Record<string, unknown>) =>
          api.post({ query, variables }, { authorization: `Bearer ${token}` }) as any,
      });
      const project = await createProject(asUser(aToken), { name: 'A only' });
      const res = await api.post(
        { query: 'query($id: ID!) { project(id: $id) { id } }', variables: { id: project.id } },
        { authorization: `Bearer ${bToken}` },
      );
      expect(ok(res)).toEqual({ project: null });
    });
  });

  describe('key rotation (jwks.rotationInterval)', () => {
    let auth: BetterAuthServer;
    let api: TestServer;
    let log: LogCapture;
    beforeAll(async () => {
      // Each key signs for 6 s (past the API's 5 s refetch cooldown), then is listed 2 s more.
      auth = await startBetterAuth({ rotationInterval: 6, gracePeriod: 2 });
      log = captureLog('info');
      api = await startTestServer(
        target,
        { BETTER_AUTH_URL: auth.url, BETTER_AUTH_SECRET: auth.secret },
        { log: log.logger },
      );
    });
    afterAll(async () => {
      await api?.close();
      await auth?.close();
    });

    it('should accept the new key at once, and refuse the old one once the set drops it', async () => {
      const user = await auth.signUp();
      const started = Date.now();
      const first = await auth.token(user);
      expect(ok(await ask(api, first))).toEqual(meOf(user));

      await sleep(started + 6_500 - Date.now());
      const second = await auth.token(user);
      expect(kidOf(second)).not.toBe(kidOf(first));
      // No 401 window: the unknown kid is fetched for on the spot.
      expect(ok(await ask(api, second))).toEqual(meOf(user));
      expect(ok(await ask(api, first))).toEqual(meOf(user)); // still listed: grace period

      await sleep(started + 12_500 - Date.now());
      // Any unknown kid makes the API look again; the set no longer lists the first key.
      expect((await ask(api, await forged(auth, user))).status).toBe(401);
      const old = await ask(api, first);
      expect(old.status).toBe(401);
      errorOf(old, 'UNAUTHENTICATED');
      expect(ok(await ask(api, second))).toEqual(meOf(user));
      expect(reasons(log)).toEqual(['unknown_kid', 'unknown_kid']);
    });
  });

  describe('JWKS-only, and Better Auth down', () => {
    let auth: BetterAuthServer;
    let api: TestServer;
    let log: LogCapture;
    beforeAll(async () => {
      auth = await startBetterAuth({ alg: 'ES256' });
      log = captureLog('info');
      api = await startTestServer(
        target,
        { BETTER_AUTH_URL: auth.url, BETTER_AUTH_SECRET: '', JWKS_ONLY: 'true' },
        { log: log.logger },
      );
    });
    afterAll(async () => {
      await api?.close();
      await auth?.close();
    });

    it('should name the key set in the start-up security checks, and refuse HS256', async () => {
      const [summary] = log.events('security_check');
      expect(summary).toMatchObject({ jwksUrl: auth.jwksUrl, hs256: false });
      expect(api.app.authSecret).toBeUndefined();
      const user = await auth.signUp();
      const hs256 = await auth.hs256Token(user);
      expect((await ask(api, hs256)).status).toBe(401);
      expect(reasons(log)).toEqual(['alg_not_allowed']);
      expect(ok(await ask(api, await auth.token(user)))).toEqual(meOf(user));
    });

    it('should keep serving known keys while the key set is unreachable, and log the outage once', async () => {
      const user = await auth.signUp();
      const known = await auth.token(user);
      const later = await auth.token(user); // same key, not yet seen by the API
      expect(ok(await ask(api, known))).toEqual(meOf(user));
      log.lines.length = 0;
      await auth.close();

      expect(ok(await ask(api, later))).toEqual(meOf(user));
      const ready = await fetch(new URL('/readyz', api.url));
      expect(ready.status).toBe(200);
      // Each past the 5 s cooldown, so each makes the API try the key set again.
      for (let i = 0; i < 2; i++) {
        await sleep(5_100);
        expect((await ask(api, await forged(auth, user))).status).toBe(401);
      }
      expect(reasons(log)).toEqual(['jwks_unreachable', 'jwks_unreachable']);
      const outage = log.events('jwks_unavailable');
      expect(outage).toHaveLength(1);
      expect(outage[0]).toMatchObject({ reason: 'jwks_unreachable', url: auth.jwksUrl });
      // Over 10 s without a statement: the database connection must still serve (PGlite).
      expect(ok(await ask(api, known))).toEqual(meOf(user));
    });
  });

  describe("deleteUser with the guide's afterDelete hook", () => {
    let auth: BetterAuthServer;
    let api: TestServer;
    const deletionSecret = randomBytes(32).toString('hex');
    beforeAll(async () => {
      const port = await freePort();
      auth = await startBetterAuth({ apiUrl: `http://127.0.0.1:${port}`, deletionSecret });
      api = await startTestServer(target, {
        PORT: String(port),
        BETTER_AUTH_URL: auth.url,
        BETTER_AUTH_SECRET: auth.secret,
        ACCOUNT_DELETION_SECRET: deletionSecret,
      });
    });
    afterAll(async () => {
      await api?.close();
      await auth?.close();
    });

    it("should erase every row of the user and refuse their tokens, other users' untouched", async () => {
      const [a, b] = [await auth.signUp(), await auth.signUp()];
      const tokens = { a: await auth.token(a), b: await auth.token(b) };
      const aHs256 = await auth.hs256Token(a);
      for (const [user, token] of [
        [a, tokens.a],
        [b, tokens.b],
      ] as const) {
        const asUser = {
          id: user.id,
          token,
          gql: (query: string, variables?: Record<string, unknown>) =>
            api.post({ query, variables }, { authorization: `Bearer ${token}` }) as any,
        };
        const project = await createProject(asUser, { name: 'Mine' });
        await createTask(asUser, { projectId: project.id });
      }
      const dataSource = api.app.database.dataSource;
      const bBefore = await rowsMentioning(dataSource, [b.id, b.email, b.name]);
      expect(Object.keys(bBefore).sort()).toEqual(['projects', 'tasks', 'users']);

      expect((await auth.deleteUser(a)).status).toBe(200);

      expect(await rowsMentioning(dataSource, [a.id, a.email, a.name])).toEqual({});
      for (const token of [tokens.a, aHs256]) expect((await ask(api, token)).status).toBe(401);
      expect(await rowsMentioning(dataSource, [b.id, b.email, b.name])).toEqual(bBefore);
      expect(ok(await ask(api, tokens.b))).toEqual(meOf(b));
    });
  });
});
