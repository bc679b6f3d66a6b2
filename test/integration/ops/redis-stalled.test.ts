import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { generateKeyPair } from 'jose';
import { createDpopProof, dpopKeyFrom } from '../../../src/auth/dpop/dpop-signer';
import { documentHash } from '../../../src/documents/document-hash';
import { LiveSocket } from '../../support/live-socket';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';
import { expectRateLimited } from '../abuse/rate-limits.cases';

const COMMAND_TIMEOUT_MS = 200;
const CONNECT_TIMEOUT_MS = 300;
// Each request makes a few Redis round trips in turn; far below "forever", not a benchmark.
const BOUND_MS = 10 * COMMAND_TIMEOUT_MS + 1000;
const ME = '{ me { id } }';
const INFO = '# Server\r\nredis_version:7.2.0\r\nloading:0\r\n';

/**
 * A Redis that accepts connections and stops answering: at once ('silent'), after CLIENT
 * SETNAME but before ioredis's ready check (INFO) is answered, or once the connection is
 * ready, so that every later command hangs (a stalled server, or a partition).
 */
type Stall = 'silent' | 'before-ready-check' | 'after-ready';

async function stalledRedis(stall: Stall) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let ready = stall === 'silent';
    let pending = '';
    socket.on('data', (data) => {
      if (ready) return;
      pending += data.toString();
      // Each whole command, in order (CLIENT SETNAME, SETINFO…, INFO): OK to all but INFO,
      // whose answer makes the connection ready, after which nothing is answered.
      for (let command = nextCommand(); command; command = nextCommand()) {
        if (command !== 'info') socket.write('+OK\r\n');
        else if (stall === 'before-ready-check') return;
        else {
          socket.write(`$${Buffer.byteLength(INFO)}\r\n${INFO}\r\n`);
          ready = true;
          return;
        }
      }
    });
    /** The first word of the next whole RESP command in `pending`, consumed; else undefined. */
    function nextCommand(): string | undefined {
      const lines = pending.split('\r\n');
      const count = Number(lines[0]?.slice(1));
      if (!lines[0]?.startsWith('*') || lines.length < 1 + 2 * count + 1) return undefined;
      const used = lines.slice(0, 1 + 2 * count);
      pending = lines.slice(1 + 2 * count).join('\r\n');
      return used[2]?.toLowerCase();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

const settings = (url: string) => ({
  REDIS_URL: url,
  REDIS_COMMAND_TIMEOUT: `${COMMAND_TIMEOUT_MS}ms`,
  REDIS_CONNECT_TIMEOUT: `${CONNECT_TIMEOUT_MS}ms`,
});

describe.each(TEST_TARGETS)('A Redis that hangs on $name', (target) => {
  describe('at start-up', () => {
    it.each<[string, Stall]>([
      ['never answers', 'silent'],
      ['stalls before its ready check is answered', 'before-ready-check'],
    ])('should stop start-up with a clear error when Redis accepts but %s', async (_, stall) => {
      const redis = await stalledRedis(stall);
      try {
        // The first to connect names itself; the ready check fails by the command timeout.
        await expect(startTestServer(target, settings(redis.url))).rejects.toThrow(
          new RegExp(
            `^Redis for dpop-replay not ready: (no answer within ${CONNECT_TIMEOUT_MS} ms|Connection is closed)`,
          ),
        );
      } finally {
        await redis.close();
      }
    });
  });

  describe('after it was ready', () => {
    let redis: Awaited<ReturnType<typeof stalledRedis>>;
    let server: TestServer;
    beforeAll(async () => {
      redis = await stalledRedis('after-ready');
      server = await startTestServer(target, {
        ...settings(redis.url),
        RATE_LIMIT_OPERATIONS: '3',
        WS_MAX_SOCKETS_PER_USER: '1',
      });
    });
    afterAll(async () => {
      await server?.close();
      await redis?.close();
    });

    it('should answer within the command timeout and count rate limits in this process', async () => {
      const alice = await server.user();
      for (let i = 0; i < 3; i += 1) {
        const { value, ms } = await timed(() => alice.gql(ME));
        expect(value.status).toBe(200);
        expect(value.body.data).toEqual({ me: { id: alice.id } });
        expect(ms).toBeLessThan(BOUND_MS);
      }
      const { value: over, ms } = await timed(() => alice.gql(ME));
      expectRateLimited(over, 60);
      expect(ms).toBeLessThan(BOUND_MS);
      // Another user's count is their own, in the fallback as in Redis.
      const bob = await server.user();
      expect((await bob.gql(ME)).body.data).toEqual({ me: { id: bob.id } });
    });

    it('should refuse a DPoP proof it cannot check for replay (fail closed) with 503, in bounded time', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const key = await dpopKeyFrom(privateKey, publicKey);
      const sub = `user-${crypto.randomUUID()}`;
      const token = await server.token({ sub, jkt: key.jkt });
      const dpop = await createDpopProof(key, { htm: 'POST', htu: server.url, accessToken: token });
      const { value: res, ms } = await timed(() =>
        server.post({ query: ME }, { authorization: `DPoP ${token}`, dpop }),
      );
      // The service's failure, not the client's: a 401 would send it to refresh a good token.
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^[0-9]+$/);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
        }),
      ]);
      expect(res.body.data).toBeUndefined();
      expect(ms).toBeLessThan(BOUND_MS);
    });

    it('should answer a bare APQ hash PERSISTED_QUERY_NOT_FOUND and run the full text', async () => {
      const alice = await server.user();
      const extensions = { persistedQuery: { version: 1, sha256Hash: documentHash(ME) } };
      const headers = { authorization: `Bearer ${alice.token}` };
      const hashOnly = await timed(() => server.post({ extensions }, headers));
      expect(hashOnly.value.body.errors?.[0]?.extensions?.['code']).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
      expect(hashOnly.ms).toBeLessThan(BOUND_MS);
      const withText = await timed(() => server.post({ query: ME, extensions }, headers));
      expect(withText.value.status).toBe(200);
      expect(withText.value.body.data).toEqual({ me: { id: alice.id } });
      expect(withText.ms).toBeLessThan(BOUND_MS);
    });

    it('should open sockets within the command timeout, counted per user in this process', async () => {
      const alice = await server.user();
      const { value: first, ms } = await timed(() => LiveSocket.connect(server.url, alice.token));
      expect(ms).toBeLessThan(BOUND_MS);
      const second = await LiveSocket.open(server.url);
      expect(await second.init({ authorization: `Bearer ${alice.token}` })).toEqual({
        code: 4429,
        reason: 'Too many sockets',
      });
      // Another user's place is counted apart.
      const bob = await server.user();
      const bobs = await LiveSocket.connect(server.url, bob.token);
      await first.close();
      await bobs.close();
    });
  });
});
