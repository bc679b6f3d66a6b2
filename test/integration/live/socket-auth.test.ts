import { generateKeyPair, SignJWT } from 'jose';
import { createDpopProof, dpopKeyFrom } from '../../../src/auth/dpop/dpop-signer';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';
import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';

const UNAUTHORIZED = { code: 4401, reason: 'Unauthorized' };
const now = () => Math.floor(Date.now() / 1000);

describe.each(TEST_TARGETS)('socket authentication on $name', (target) => {
  const server = useTestServer(target, {
    WS_INIT_TIMEOUT: '500ms',
    CORS_ORIGINS: 'https://app.example.com',
  });

  /** connection_init with `payload`: how the socket ended (or 'ack'). */
  const initWith = async (payload?: Record<string, unknown>) => {
    const socket = await LiveSocket.open(server.url);
    const outcome = await socket.init(payload);
    await socket.close();
    return outcome;
  };

  describe('connection_init', () => {
    it('should acknowledge a valid bearer token', async () => {
      const a = await server.user();
      expect(await initWith({ authorization: `Bearer ${a.token}` })).toBe('ack');
    });

    it('should close with 4401 and one reason for a missing, malformed, forged or expired token', async () => {
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('another-secret-that-is-long-enough-0123'));
      const expired = await server.token({ sub: 'late', iat: now() - 3700, ttlSeconds: 3600 });
      const outcomes = [
        await initWith(),
        await initWith({}),
        await initWith({ authorization: 'Bearer' }),
        await initWith({ authorization: 'Bearer not-a-jwt' }),
        await initWith({ authorization: 42 }),
        await initWith({ authorization: `Bearer ${forged}` }),
        await initWith({ authorization: `Bearer ${expired}` }),
      ];
      expect(outcomes).toEqual(outcomes.map(() => UNAUTHORIZED));
    });

    it('should close with 4401 a token revoked before the socket opened', async () => {
      const a = await server.user();
      await a.gql('mutation { revokeCurrentToken }');
      expect(await initWith({ authorization: `Bearer ${a.token}` })).toEqual(UNAUTHORIZED);
    });

    it('should close a socket that sends no connection_init in time', async () => {
      const socket = await LiveSocket.open(server.url);
      expect(await socket.closedWithin(3000)).toEqual({
        code: 4408,
        reason: 'Connection initialisation timeout',
      });
    });

    it('should close with 4401 a subscribe sent before the acknowledgement', async () => {
      const socket = await LiveSocket.open(server.url);
      socket.subscribe('1', TASK_CHANGED);
      expect(await socket.closedWithin()).toEqual(UNAUTHORIZED);
    });

    it('should accept a DPoP-bound token with a proof for the upgrade request, and only with one', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const key = await dpopKeyFrom(privateKey, publicKey);
      const token = await server.token({ sub: `dpop-${now()}-${Math.random()}`, jkt: key.jkt });
      const proof = (htm: string, htu: string) =>
        createDpopProof(key, { htm, htu, accessToken: token });
      const authorization = `DPoP ${token}`;
      expect(await initWith({ authorization, dpop: await proof('GET', server.url) })).toBe('ack');
      expect(await initWith({ authorization })).toEqual(UNAUTHORIZED);
      expect(await initWith({ authorization, dpop: await proof('POST', server.url) })).toEqual(
        UNAUTHORIZED,
      );
      expect(
        await initWith({ authorization: `Bearer ${token}`, dpop: await proof('GET', server.url) }),
      ).toEqual(UNAUTHORIZED);
    });
  });

  describe('upgrade', () => {
    it('should refuse a browser socket from an origin not in CORS_ORIGINS', async () => {
      await expect(LiveSocket.open(server.url, { origin: 'https://evil.example' })).rejects.toThrow(
        'upgrade refused: 403',
      );
      const allowed = await LiveSocket.open(server.url, { origin: 'https://app.example.com' });
      await allowed.close();
      // The server's own pages (the playground) are same-origin, as for fetch.
      const own = await LiveSocket.open(server.url, { origin: new URL(server.url).origin });
      await own.close();
    });

    it('should not agree to another subprotocol (subscriptions-transport-ws)', async () => {
      await expect(LiveSocket.open(server.url, { protocol: 'graphql-ws' })).rejects.toThrow(
        'Server sent no subprotocol',
      );
    });

    it('should answer 404 for a socket on another path', async () => {
      await expect(LiveSocket.open(server.url.replace('/graphql', '/other'))).rejects.toThrow(
        'upgrade refused: 404',
      );
    });
  });

  describe('a socket outliving its token', () => {
    it('should close with 4401 at exp, by the server clock', async () => {
      const a = await server.user();
      const token = await server.token({ sub: a.id, ttlSeconds: 2 });
      const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp;
      const socket = await LiveSocket.connect(server.url, token);
      socket.subscribe('1', TASK_CHANGED);
      expect(await socket.closedWithin(4000)).toEqual(UNAUTHORIZED);
      const late = Date.now() - exp * 1000;
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(1000);
    });

    it('should close with 4401 within 1 s of revokeCurrentToken, and only that token', async () => {
      const a = await server.user();
      const other = await server.token({ sub: a.id });
      const revoked = await LiveSocket.connect(server.url, a.token);
      const kept = await LiveSocket.connect(server.url, other);
      const started = Date.now();
      await a.gql('mutation { revokeCurrentToken }');
      expect(await revoked.closedWithin(1000)).toEqual(UNAUTHORIZED);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(kept.ws.readyState).toBe(kept.ws.OPEN);
      await kept.close();
    });

    it('should close every socket of the user within 1 s of revokeAllTokens, and no one else', async () => {
      const a = await server.user();
      const b = await server.user();
      const mine = [
        await LiveSocket.connect(server.url, a.token),
        await LiveSocket.connect(server.url, await server.token({ sub: a.id })),
      ];
      const theirs = await LiveSocket.connect(server.url, b.token);
      const started = Date.now();
      await a.gql('mutation { revokeAllTokens }');
      for (const socket of mine) expect(await socket.closedWithin(1000)).toEqual(UNAUTHORIZED);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(theirs.ws.readyState).toBe(theirs.ws.OPEN);
      await theirs.close();
    });

    it('should close every socket of the user within 1 s of deleteAccount, and no one else', async () => {
      const a = await server.user();
      const b = await server.user();
      const mine = await LiveSocket.connect(server.url, a.token);
      const theirs = await LiveSocket.connect(server.url, b.token);
      const started = Date.now();
      await a.gql('mutation { deleteAccount }');
      expect(await mine.closedWithin(1000)).toEqual(UNAUTHORIZED);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(theirs.ws.readyState).toBe(theirs.ws.OPEN);
      await theirs.close();
    });
  });

  describe('scopes', () => {
    it('should refuse taskChanged to a scoped token without tasks:read, as queries are', async () => {
      const a = await server.user({ scope: 'tasks:write' });
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      const answer = await socket.waitFor((m) => m.id === '1' && m.type !== 'complete');
      expect(answer.payload.errors).toEqual([
        expect.objectContaining({
          message: 'Missing scope: tasks:read',
          extensions: { code: 'FORBIDDEN' },
        }),
      ]);
      await socket.close();
    });

    it('should serve taskChanged to a token with tasks:read', async () => {
      const reader = await server.user({ scope: 'tasks:read' });
      const writer = await server.token({ sub: reader.id });
      const socket = await LiveSocket.connect(server.url, reader.token);
      socket.subscribe('1', TASK_CHANGED);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await server.post(
        { query: 'mutation { createTask(input: { title: "seen" }) { id } }' },
        { authorization: `Bearer ${writer}` },
      );
      const [event] = await socket.eventsFor('1', 1);
      expect(event.data.taskChanged).toMatchObject({ kind: 'CREATED', task: { title: 'seen' } });
      await socket.close();
    });
  });
});
