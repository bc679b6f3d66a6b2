import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';
import { startPrivateCluster, type PrivateCluster } from '../../support/throwaway-cluster';
import { describeEachServer, type TestTarget } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

const UNAVAILABLE = { code: 1013, reason: 'Database unavailable' };

/** Until it connects and is acknowledged, or `ms` pass. */
async function connectWhenBack(url: string, token: string, ms: number): Promise<LiveSocket> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await LiveSocket.connect(url, token);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

// PostgreSQL only (a cluster of the test's own, stopped and started); PGlite cannot go away.
describeEachServer('a database outage on $name', () => {
  let cluster: PrivateCluster;
  let server: TestServer;
  beforeAll(async () => {
    cluster = await startPrivateCluster();
    const target: TestTarget = {
      name: 'private',
      async create() {
        return {
          config: {
            databaseUrl: cluster.url,
            dataDir: 'memory://',
            dbPoolMax: 4,
            allowRlsBypass: false,
          },
          async drop() {},
        };
      },
    };
    server = await startTestServer(target);
  });
  afterAll(async () => {
    await server?.close();
    await cluster?.destroy();
  });

  it('should close live sockets with 1013, refuse new ones meanwhile, and serve again once the database is back', async () => {
    const a = await server.user();
    const socket = await LiveSocket.connect(server.url, a.token);
    socket.subscribe('1', TASK_CHANGED);
    await cluster.stop();
    expect(await socket.closedWithin(5000)).toEqual(UNAVAILABLE);
    const during = await LiveSocket.open(server.url);
    expect(await during.init({ authorization: `Bearer ${a.token}` })).toEqual(UNAVAILABLE);

    await cluster.start();
    const again = await connectWhenBack(server.url, a.token, 15_000);
    again.subscribe('1', TASK_CHANGED);
    // The listener may still be reconnecting: write until a change comes through.
    for (let i = 0; i < 40 && again.events('1').length === 0; i += 1) {
      const res = await a.gql('mutation { createTask(input: { title: "after" }) { id } }');
      if (res.status === 200 && !res.body.errors)
        await again.eventsFor('1', 1, 500).catch(() => []);
    }
    expect(again.events('1')[0]?.data.taskChanged).toMatchObject({ kind: 'CREATED' });
    await again.close();
  });
});
