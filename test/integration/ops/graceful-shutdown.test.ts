import { setTimeout as sleep } from 'node:timers/promises';
import { TEST_TARGETS } from '../../support/test-database';
import { untilInFlight } from '../../support/in-flight';
import { startTestServer, type TestServer } from '../../support/test-server';
import { connectionError, startHalfSentGet, startSlowPost } from '../../support/slow-request';

const MUTATION = JSON.stringify({
  query: 'mutation { createProject(input: { name: "finished while draining" }) { id name } }',
});

describe.each(TEST_TARGETS)('graceful shutdown on $name', (target) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    // App.close() runs once: after a test closed the app, this only drops the database.
    await server?.close();
    server = undefined;
  });

  it('should finish a request in flight, refuse new connections, then close the pool', async () => {
    server = await startTestServer(target, { SHUTDOWN_TIMEOUT: '10s' });
    const user = await server.user();
    const slow = startSlowPost(server.url, MUTATION, { authorization: `Bearer ${user.token}` });
    await untilInFlight(server);
    const probe = await startHalfSentGet(new URL('/readyz', server.url).href);

    let closed = false;
    const closing = server.app.close().then(() => (closed = true));
    expect(await connectionError(server.url)).toBe('ECONNREFUSED');

    // Routed now, while draining: readiness says 503 and asks the client to go elsewhere.
    probe.finish();
    const answer = await probe.raw;
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(answer.endsWith('{"status":"unavailable"}')).toBe(true);

    await sleep(100);
    expect(closed).toBe(false);
    expect(server.app.database.dataSource.isInitialized).toBe(true);

    slow.finish();
    const res = await slow.response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      data: { createProject: { id: expect.any(String), name: 'finished while draining' } },
    });
    await closing;
    expect(server.app.database.dataSource.isInitialized).toBe(false);
  });

  it('should cut requests still running after SHUTDOWN_TIMEOUT and close anyway', async () => {
    server = await startTestServer(target, { SHUTDOWN_TIMEOUT: '300ms' });
    const user = await server.user();
    const stuck = startSlowPost(server.url, MUTATION, { authorization: `Bearer ${user.token}` });
    const outcome = stuck.response.then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    await untilInFlight(server);

    const started = Date.now();
    await server.app.close();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(5000);
    expect(await outcome).toBe('ECONNRESET');
    expect(server.app.database.dataSource.isInitialized).toBe(false);
  });
});
