import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { createProject, ok } from '../../support/api';
import { getPage } from '../../support/page-request';
import { TEST_TARGETS } from '../../support/test-database';
import { type TestServer } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

// Parameterised, so it travels as named prepared statements.
const LIST = '{ tasks(first: 5) { nodes { title project { name } tags { name } } } }';

/** node-postgres's pool, which TypeORM keeps as the driver's `master`. */
function poolOf(dataSource: DataSource): { totalCount: number } {
  return (dataSource.driver as unknown as { master: { totalCount: number } }).master;
}

async function readyz(server: TestServer): Promise<number> {
  return (await getPage(new URL('/readyz', server.url).href)).status;
}

async function waitForNoConnection(dataSource: DataSource, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (poolOf(dataSource).totalCount > 0 && Date.now() < deadline) await sleep(50);
  expect(poolOf(dataSource).totalCount).toBe(0);
}

describe.each(TEST_TARGETS)('a server whose pooled connection idled out on $name', (target) => {
  const server = useTestServer(target, { DB_IDLE_TIMEOUT: '200ms' });

  it('should answer every user as before, on a new connection, and stay ready', async () => {
    const ann = await server.user();
    const bob = await server.user();
    await createProject(ann, { name: 'idle' });
    ok(await ann.gql('mutation { createTask(input: { title: "before" }) { id } }'));
    const before = ok(await ann.gql(LIST));
    ok(await bob.gql(LIST));
    await waitForNoConnection(server.app.database.dataSource, 3000);
    expect(ok(await ann.gql(LIST))).toEqual(before);
    expect(ok(await bob.gql(LIST))).toEqual({ tasks: { nodes: [] } });
    expect(await readyz(server)).toBe(200);
    await waitForNoConnection(server.app.database.dataSource, 3000);
    expect(await readyz(server)).toBe(200);
    expect(ok(await ann.gql(LIST))).toEqual(before);
  });
});

describe('the embedded server left idle with the default settings', () => {
  const [pglite] = TEST_TARGETS;
  const server = useTestServer(pglite!);

  it('should keep answering after idling past the pool’s default idle timeout (10 s)', async () => {
    const user = await server.user();
    ok(await user.gql('mutation { createTask(input: { title: "t" }) { id } }'));
    const before = ok(await user.gql(LIST));
    await sleep(10_500);
    expect(ok(await user.gql(LIST))).toEqual(before);
    expect(await readyz(server)).toBe(200);
  }, 20_000);
});
