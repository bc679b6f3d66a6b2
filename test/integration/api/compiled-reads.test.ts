import { randomInt } from 'node:crypto';
import { createTask, ok } from '../../support/api';
import { generateRead, Rng } from '../../support/compiled-documents';
import { idsOf, seedWorld, type World } from '../../support/isolation/world';
import { RELAXED_LIMITS } from '../../support/isolation/relaxed-limits';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestServer, type TestUser } from '../../support/test-server';

// Tests may read the environment for their own settings: COMPILED_CASES, COMPILED_SEED.
const CASES = Number(process.env.COMPILED_CASES ?? 150);
const SEED = Number(process.env.COMPILED_SEED ?? randomInt(2 ** 31));

jest.setTimeout(120_000);

async function countsOf(server: TestServer): Promise<Record<string, number>> {
  const { values } = await server.app.metrics.compiledReads.get();
  return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
}

async function post(server: TestServer, user: TestUser, query: string, variables = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, text: await res.text() };
}

/** Which path one request took, by the counter's change. */
async function pathOf(server: TestServer, work: () => Promise<unknown>): Promise<string> {
  const before = await countsOf(server);
  await work();
  const after = await countsOf(server);
  const moved = Object.keys(after).filter((k) => (after[k] ?? 0) !== (before[k] ?? 0));
  return moved.join(',');
}

/** Titles and dates the JSON writers must get exactly right. */
async function addOddTasks(user: TestUser, canary: string): Promise<void> {
  const odd: [string, string | null][] = [
    [`"quoted" ${canary}`, '0500-02-03T04:05:06.789Z'],
    [`line\nbreak\ttab\u0001 ${canary}`, '0000-06-01T00:00:00.000Z'],
    [`émoji 🎉 ${canary}`, '9999-12-31T23:59:59.999Z'],
    [`back\\slash </script> ${canary}`, '1000-01-01T00:00:00.000Z'],
  ];
  for (const [title, dueAt] of odd) await createTask(user, { title, dueAt });
}

describe.each(TEST_TARGETS)('compiled reads on $name', (target) => {
  let server: TestServer;
  let a: World;
  let b: World;
  beforeAll(async () => {
    server = await startTestServer(target, RELAXED_LIMITS);
    [a, b] = await Promise.all([
      server.user().then((user) => seedWorld(user)),
      server.user().then((user) => seedWorld(user)),
    ]);
    await addOddTasks(a.user, a.canary);
    await addOddTasks(b.user, b.canary);
  });
  afterAll(() => server?.close());

  it('should answer the bench documents on the compiled path', async () => {
    const list = `query List { tasks(first: 20) { nodes { title project { name } tags { name } } } }`;
    expect(await pathOf(server, () => post(server, a.user, list))).toBe('compiled');
    const byId = `query Task($id: ID!) { task(id: $id) { id title completed priority dueAt project { name } tags { name } } }`;
    const id = a.tasks[0]!.id;
    expect(await pathOf(server, () => post(server, a.user, byId, { id }))).toBe('compiled');
    const filtered = `query Filtered($projectId: ID!) { tasks(filter: { completed: false, projectId: $projectId },
      orderBy: { field: DUE_AT, direction: DESC }, first: 10) { totalCount nodes { title priority dueAt } } }`;
    const projectId = a.projects[0]!.id;
    expect(await pathOf(server, () => post(server, a.user, filtered, { projectId }))).toBe(
      'compiled',
    );
  });

  it('should leave errors and documents outside the subset to graphql-js', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['{ tasks(first: 0) { totalCount } }', {}],
      ['{ tasks(first: 101) { totalCount } }', {}],
      ['{ tasks(first: 2, last: 2) { totalCount } }', {}],
      ['{ tasks(last: 2) { nodes { title } } }', {}],
      ['{ tasks(after: "bogus") { totalCount } }', {}],
      ['{ task(id: "nope") { title } }', {}],
      ['{ tasks { nodes { owner { id } } } }', {}],
      ['{ projects { nodes { name } } }', {}],
    ];
    for (const [query, variables] of cases) {
      expect(await pathOf(server, () => post(server, a.user, query, variables))).toBe('fallback');
    }
    const error = await post(server, a.user, '{ tasks(first: 101) { totalCount } }');
    expect(JSON.parse(error.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('should refuse a token without tasks:read on the compiled path as on the usual one', async () => {
    const scoped = await server.user({ scope: 'tasks:write' });
    const res = await post(server, scoped, '{ tasks { totalCount } }');
    expect(JSON.parse(res.text).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it("should answer as graphql-js does, byte for byte, and never with the other user's rows", async () => {
    const rng = new Rng(SEED);
    const cursors: string[] = [];
    const page = ok(await a.user.gql('{ tasks(first: 100) { edges { cursor } } }')) as {
      tasks: { edges: { cursor: string }[] };
    };
    cursors.push(...page.tasks.edges.map((e) => e.cursor));
    const foreign = [b.canary, ...idsOf(b)];
    let compiled = 0;
    for (let i = 0; i < CASES; i += 1) {
      const read = generateRead(rng, [a, b], cursors);
      const label = `seed ${SEED} case ${i}: ${read.query} ${JSON.stringify(read.variables)}`;
      let mine: { status: number; text: string } | undefined;
      const path = await pathOf(server, async () => {
        mine = await post(server, a.user, read.query, read.variables);
      });
      const reference = await post(server, a.user, read.reference, read.variables);
      expect({ label, ...mine }).toEqual({ label, ...reference });
      expect({ label, path }).toEqual({ label, path: 'compiled' });
      for (const marker of foreign)
        expect({ label, leaked: mine!.text.includes(marker) }).toEqual({ label, leaked: false });
      compiled += 1;
    }
    expect(compiled).toBe(CASES);
  });
});
