import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { captureLog } from '../../support/log-capture';
import { getPage } from '../../support/page-request';
import {
  privatePostgresUnavailable,
  startPrivatePostgres,
  type PrivatePostgres,
} from '../../support/private-postgres';
import type { TestTarget } from '../../support/test-database';
import { startTestServer, type TestServer, type TestUser } from '../../support/test-server';

const WRITERS = 4;
const READERS = 4;
const READ = '{ tasks(first: 5) { nodes { title } } }';
const OWNER = 'task_api_outage_owner';

// Each write is a project and a task in one document: both are stored, or neither.
const WRITE = `mutation($name: String!) {
  createProject(input: { name: $name }) { id }
  createTask(input: { title: $name }) { id }
}`;

interface Answer {
  readonly name: string;
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
}

async function sql(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/** A database on the private cluster owned by a role like Neon's: no superuser. */
async function neonLikeTarget(cluster: PrivatePostgres): Promise<TestTarget> {
  await sql(cluster.adminUrl, `CREATE ROLE ${OWNER} LOGIN CREATEDB CREATEROLE BYPASSRLS`);
  const ownerUrl = cluster.adminUrl.replace('postgres@', `${OWNER}@`);
  await sql(ownerUrl, 'CREATE DATABASE outage');
  const url = ownerUrl.replace(/\/postgres$/, '/outage');
  return {
    name: 'a private PostgreSQL',
    async create() {
      return {
        config: { databaseUrl: url, dataDir: 'memory://', dbPoolMax: 5, allowRlsBypass: false },
        async drop() {},
      };
    },
  };
}

const skipReason = privatePostgresUnavailable();
if (skipReason) {
  console.warn(`database-outage.test.ts skipped: ${skipReason} (CI has them)`);
}

(skipReason ? describe.skip : describe)('a database that goes away under write load', () => {
  let cluster: PrivatePostgres;
  let server: TestServer;
  const log = captureLog('info');
  let dbUrl = '';

  beforeAll(async () => {
    cluster = await startPrivatePostgres();
    const target = await neonLikeTarget(cluster);
    dbUrl = (await target.create()).config.databaseUrl!;
    server = await startTestServer(target, {}, { log: log.logger });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await cluster?.destroy();
  });

  const readyz = async () => (await getPage(new URL('/readyz', server.url).href)).status;

  async function ask(user: TestUser, query: string, name: string): Promise<Answer> {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ query, variables: { name } }),
    });
    return {
      name,
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      body: (await res.json()) as Answer['body'],
    };
  }

  const write = (user: TestUser, name: string) => ask(user, WRITE, name);

  it('should answer 503 with Retry-After while it is away, lose no acknowledged write and half-apply none', async () => {
    const user = await server.user();
    expect((await write(user, 'warm-up')).status).toBe(200);
    const answers: Answer[] = [];
    let writing = true;
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let n = 0; writing; n += 1) {
        answers.push(await write(user, `w${w}-${n}`));
        // Paced, so the outage is met by a bounded number of requests.
        await sleep(20);
      }
    });

    await sleep(500);
    await cluster.stop();
    // Away: readiness and requests answer 503 for as long as it lasts.
    const readyDuringOutage = await readyz();
    const duringOutage = await write(user, 'during-outage');
    await sleep(1000);
    const readyStillDown = await readyz();
    await cluster.start();
    // Back on its own: no restart of the server.
    const deadline = Date.now() + 15_000;
    while ((await readyz()) !== 200 && Date.now() < deadline) await sleep(100);
    const recoveredAt = answers.length;
    while (answers.length < recoveredAt + WRITERS * 3 && Date.now() < deadline) await sleep(50);
    writing = false;
    await Promise.all(writers);

    expect([readyDuringOutage, readyStillDown]).toEqual([503, 503]);
    expect(await readyz()).toBe(200);
    expect(duringOutage).toMatchObject({ status: 503, retryAfter: '2' });
    expect(duringOutage.body.errors).toEqual([
      {
        message: expect.stringMatching(/unavailable.*nothing was saved/),
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 2 },
      },
    ]);
    expect(duringOutage.body.data).toBeUndefined();

    const refused = answers.filter((a) => a.status !== 200);
    const acknowledged = answers.filter((a) => a.status === 200);
    for (const a of refused) {
      expect({ status: a.status, retryAfter: a.retryAfter, codes: codes(a) }).toEqual({
        status: 503,
        retryAfter: '2',
        codes: ['SERVICE_UNAVAILABLE'],
      });
    }
    for (const a of acknowledged) expect(a.body.errors).toBeUndefined();
    expect(refused.length).toBeGreaterThan(0);
    expect(acknowledged.slice(-WRITERS).length).toBe(WRITERS);
    expect(answers.slice(recoveredAt).every((a) => a.status === 200)).toBe(true);

    // As the owner (BYPASSRLS): every row, whoever's.
    const projects = (await sql(dbUrl, `SELECT name FROM projects`)).map((r) => r['name']);
    const tasks = (await sql(dbUrl, `SELECT title FROM tasks`)).map((r) => r['title']);
    for (const a of acknowledged) {
      expect({
        name: a.name,
        project: projects.includes(a.name),
        task: tasks.includes(a.name),
      }).toEqual({
        name: a.name,
        project: true,
        task: true,
      });
    }
    expect([...projects].sort()).toEqual([...tasks].sort());

    // One line for the outage and one for its end, whatever the number of refused requests.
    expect(log.events('database_unavailable')).toHaveLength(1);
    expect(log.events('database_available')).toEqual([
      expect.objectContaining({ refused: expect.any(Number), downMs: expect.any(Number) }),
    ]);
    expect(
      log.lines.filter((line) => line['level'] >= 50 && line['event'] !== 'database_unavailable'),
    ).toEqual([]);
  }, 60_000);

  it("should answer reads that share connections 200 with the caller's rows or 503, never anything else, across a restart", async () => {
    const readers = await Promise.all(
      Array.from({ length: READERS }, async (_, r) => {
        const user = await server.user();
        expect((await write(user, `reader-${r}`)).status).toBe(200);
        return { user, title: `reader-${r}` };
      }),
    );
    const answers: Answer[] = [];
    let reading = true;
    const loops = readers.flatMap(({ user, title }) =>
      [0, 1].map(async () => {
        while (reading) answers.push(await ask(user, READ, title));
      }),
    );
    await sleep(500);
    await cluster.stop();
    await sleep(500);
    await cluster.start();
    const deadline = Date.now() + 15_000;
    while ((await readyz()) !== 200 && Date.now() < deadline) await sleep(100);
    const recoveredAt = answers.length;
    while (answers.length < recoveredAt + READERS * 20 && Date.now() < deadline) await sleep(50);
    reading = false;
    await Promise.all(loops);

    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].sort()).toEqual([200, 503]);
    for (const a of answers) {
      if (a.status === 200) {
        expect(a.body).toEqual({ data: { tasks: { nodes: [{ title: a.name }] } } });
      } else {
        expect(codes(a)).toEqual(['SERVICE_UNAVAILABLE']);
      }
    }
    expect(answers.slice(recoveredAt + READERS * 2).every((a) => a.status === 200)).toBe(true);
  }, 60_000);
});

function codes(answer: Answer): unknown[] {
  return (answer.body.errors ?? []).map((e) => e.extensions?.['code']);
}
