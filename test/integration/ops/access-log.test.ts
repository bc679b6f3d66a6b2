import { captureLog } from '../../support/log-capture';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

describe.each(TEST_TARGETS)('access log on $name', (target) => {
  const log = captureLog('info');
  const server = useTestServer(target, { NODE_ENV: 'production' }, { log: log.logger });

  it('should write one JSON line per request: method, operation, status and time, no token', async () => {
    const user = await server.user();
    const before = log.events('request').length;
    await server.post(
      { query: 'query MyTasks { tasks { totalCount } }', operationName: 'MyTasks' },
      { authorization: `Bearer ${user.token}` },
    );
    await server.post({ query: '{ me { id } }' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = log.events('request').slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        method: 'POST',
        operation: 'MyTasks',
        status: 200,
        durationMs: expect.any(Number),
        requestId: expect.any(String),
        msg: expect.stringMatching(/^POST MyTasks 200 [\d.]+ms$/),
      }),
      expect.objectContaining({ method: 'POST', operation: '-', status: 401 }),
    ]);
    expect(log.text()).not.toContain(user.token);
  });

  it("should log one user's request without another user's rows or ids", async () => {
    const alice = await server.user();
    const bob = await server.user();
    const created = await alice.gql(
      'mutation { createTask(input: { title: "secret title" }) { id } }',
    );
    const id = created.body.data!.createTask.id;
    await bob.gql('query Peek($id: ID!) { task(id: $id) { id } }', { id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const peek = log.events('request').find((line) => line['operation'] === 'Peek');
    expect(peek).toMatchObject({ status: 200 });
    expect(JSON.stringify(peek)).not.toContain(id);
    expect(log.text()).not.toContain('secret title');
  });
});
