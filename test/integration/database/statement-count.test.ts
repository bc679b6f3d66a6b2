import { Client } from 'pg';
import { ok } from '../../support/api';
import { parseServerTiming } from '../../support/server-timing';
import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

const TASK_LIST = (first: number) =>
  `{ tasks(first: ${first}) { nodes { title project { name } tags { name } } } }`;
const PROJECT_TASKS = (first: number) =>
  `{ projects(first: 10) { nodes { name
       tasks(first: ${first}) { totalCount nodes { title project { name } tags { name } } } } } }`;
const TAG_TASKS = (first: number) =>
  `{ tags { name tasks(first: ${first}) { nodes { title tags { name } } } } }`;

/** Every round trip to the database, from any client of the pool, while a request runs. */
function countRoundTrips() {
  const original = Client.prototype.query;
  let count = 0;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return {
    async during(work: () => Promise<unknown>): Promise<number> {
      count = 0;
      await work();
      return count;
    },
    restore() {
      Client.prototype.query = original;
    },
  };
}

describe.each(TEST_TARGETS)('statements per request on $name', (target) => {
  let user: TestUser;
  let counter: ReturnType<typeof countRoundTrips>;

  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(() => {
    counter?.restore();
  });
  // Nested pages of 50 cost more than the default limit allows; the limit is not under test.
  const server = useTestServer(target, { MAX_COST: '1000000' });
  beforeAll(async () => {
    user = await server.user();
    // 4 projects, 5 tags, 240 tasks with 1-2 tags each; seeded below the application.
    const db = server.app.database.dataSource;
    await db.query(`INSERT INTO users (id) VALUES ($1)`, [user.id]);
    await db.query(
      `INSERT INTO projects (owner_id, name) SELECT $1::varchar, 'project ' || g FROM generate_series(1, 4) g`,
      [user.id],
    );
    await db.query(
      `INSERT INTO tags (owner_id, name) SELECT $1::varchar, 'tag ' || g FROM generate_series(1, 5) g`,
      [user.id],
    );
    await db.query(
      `INSERT INTO tasks (owner_id, title, project_id)
       SELECT $1::varchar, 'task ' || g, (SELECT id FROM projects WHERE owner_id = $1::varchar ORDER BY name OFFSET g % 4 LIMIT 1)
       FROM generate_series(1, 240) g`,
      [user.id],
    );
    await db.query(
      `INSERT INTO task_tags (task_id, tag_id, owner_id)
       SELECT t.id, g.id, $1::varchar FROM tasks t JOIN tags g ON g.owner_id = t.owner_id
       WHERE t.owner_id = $1::varchar AND (hashtext(t.id::text || g.id::text) % 3 = 0 OR g.name = 'tag 1')`,
      [user.id],
    );
    counter = countRoundTrips();
  });

  async function statements(query: string): Promise<{ counted: number; reported: number }> {
    // A document's first run learns whether it reads in more than one wave (and, if so, runs
    // twice): counted are the runs after it. Round trips: round-trips.test.ts.
    ok(await user.gql(query));
    let reported = Number.NaN;
    const counted = await counter.during(async () => {
      const res = await user.gql(query);
      ok(res);
      reported = Number(parseServerTiming(res.headers.get('server-timing')).db?.desc);
    });
    return { counted, reported };
  }

  it.each([
    ['the task list with each task’s project and tags', TASK_LIST],
    ['projects with their tasks, projects and tags nested', PROJECT_TASKS],
    ['tags with their tasks and those tasks’ tags', TAG_TASKS],
  ])('should send as many statements for 5 rows as for 50: %s', async (_name, query) => {
    const small = await statements(query(5));
    const large = await statements(query(50));
    expect(large.counted).toBe(small.counted);
    // What Server-Timing reports is the same count the driver saw.
    expect(small.reported).toBe(small.counted);
    expect(large.reported).toBe(large.counted);
  });

  it('should answer the task list with projects and tags in one message', async () => {
    // Role, user and timeout; revocation; the page with each task's project and tags: one
    // implicit transaction closed by one Sync (round-trips.test.ts looks at the wire).
    expect((await statements(TASK_LIST(50))).counted).toBe(1);
  });

  it('should answer a task by id with its project and tags in one message', async () => {
    const [{ id }] = await server.app.database.dataSource.query(
      `SELECT id FROM tasks WHERE owner_id = $1 AND project_id IS NOT NULL LIMIT 1`,
      [user.id],
    );
    const query = `{ task(id: "${id}") { title project { name } tags { name } } }`;
    expect((await statements(query)).counted).toBe(1);
  });

  it('should still read relations the page did not prefetch with one statement each', async () => {
    // Only the page's own fields asked: the relations come from nested lists instead.
    const query = `{ tasks(first: 50) { nodes { title } }
      projects(first: 10) { nodes { name tasks(first: 50) { nodes { title tags { name } } } } } }`;
    const { counted } = await statements(query);
    // Opening (three), tasks, projects, tasks under projects, their tags, COMMIT.
    expect(counted).toBe(8);
  });
});
