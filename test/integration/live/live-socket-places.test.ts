import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveSocket } from '../../support/live-socket';
import { startServerProcess, type ServerProcess } from '../../support/server-process';
import { TEST_TARGETS } from '../../support/test-database';
import { TEST_SECRET } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

// Tests may read their own settings from the environment; .ci/run sets it when Redis answers.
const redisUrl = process.env.TEST_REDIS_URL;

const TOO_MANY = { code: 4429, reason: 'Too many sockets' };
const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

/** connection_init on a new socket: the socket when acknowledged, else how it closed. */
async function attempt(url: string, token: string) {
  const socket = await LiveSocket.open(url);
  const answer = await socket.init({ authorization: `Bearer ${token}` });
  return answer === 'ack' ? socket : answer;
}

(redisUrl ? describe.each(TEST_TARGETS) : describe.skip.each(TEST_TARGETS))(
  'sockets per user across instances over one Redis on $name',
  (target) => {
    // Their own keys: other suites count in the same Redis.
    const env = {
      REDIS_URL: redisUrl!,
      RATE_LIMIT_PREFIX: `task-api-test:${randomUUID()}`,
      WS_MAX_SOCKETS_PER_USER: '2',
      WS_SOCKET_LEASE: '1s',
    };
    const one = useTestServer(target, env);
    const two = useTestServer(target, env);

    it('should hold the limit across instances, per user, and free a place when a socket closes', async () => {
      const a = await one.user();
      const onOne = await LiveSocket.connect(one.url, a.token);
      const onTwo = await LiveSocket.connect(two.url, a.token);
      expect(await attempt(one.url, a.token)).toEqual(TOO_MANY);
      expect(await attempt(two.url, a.token)).toEqual(TOO_MANY);
      // Another user's sockets are counted apart.
      const b = await one.user();
      const bSocket = await LiveSocket.connect(two.url, b.token);
      await onOne.close();
      await settle();
      const again = await attempt(two.url, a.token);
      expect(again).toBeInstanceOf(LiveSocket);
      expect(await attempt(one.url, a.token)).toEqual(TOO_MANY);
      for (const socket of [onTwo, again as LiveSocket, bSocket]) await socket.close();
    });

    it('should keep a place while its socket lives, past many lease lengths', async () => {
      const a = await one.user();
      const held = [await LiveSocket.connect(one.url, a.token)];
      held.push(await LiveSocket.connect(two.url, a.token));
      await settle(2500);
      expect(await attempt(two.url, a.token)).toEqual(TOO_MANY);
      for (const socket of held) await socket.close();
    });

    it("should stop counting a crashed instance's sockets within the lease", async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'crashed-'));
      let crashed: ServerProcess | undefined;
      try {
        crashed = await startServerProcess({
          ...env,
          NODE_ENV: 'test',
          BETTER_AUTH_SECRET: TEST_SECRET,
          ...(one.config.databaseUrl
            ? { DATABASE_URL: one.config.databaseUrl }
            : { DATA_DIR: dataDir }),
        });
        const a = await one.user();
        const lost = [
          await LiveSocket.connect(crashed.url, a.token),
          await LiveSocket.connect(crashed.url, a.token),
        ];
        expect(await attempt(one.url, a.token)).toEqual(TOO_MANY);
        await crashed.kill();
        const killedAt = Date.now();
        for (const socket of lost) await socket.closed;
        let socket = await attempt(one.url, a.token);
        while (!(socket instanceof LiveSocket) && Date.now() - killedAt < 3000) {
          await settle(100);
          socket = await attempt(one.url, a.token);
        }
        expect(socket).toBeInstanceOf(LiveSocket);
        // 1 s of lease at most, and the time a socket takes to connect.
        expect(Date.now() - killedAt).toBeLessThan(1500);
        await (socket as LiveSocket).close();
      } finally {
        await crashed?.stop().catch(() => undefined);
        await rm(dataDir, { recursive: true, force: true });
      }
    });
  },
);
