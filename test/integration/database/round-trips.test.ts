import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { buildSchema, getNamedType, isLeafType, type GraphQLObjectType } from 'graphql';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createProject, createTag, createTask, ok } from '../../support/api';
import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

const LIST = `{ tasks(first: 20) { nodes { title project { name } tags { name } } } }`;
const BY_ID = (id: string) => `{ task(id: "${id}") { title project { name } tags { name } } }`;
const FILTERED = (projectId: string) =>
  `{ tasks(first: 10, filter: { projectId: "${projectId}", completed: false },
       orderBy: { field: DUE_AT, direction: DESC }) { totalCount nodes { title dueAt } } }`;
/** Documents are learned per process: each target gets its own text. */
const NESTED = (alias: string) =>
  `{ ${alias}: projects(first: 10) { nodes { name tasks(first: 5) { nodes { title } } } } }`;

/** The sockets of the application's pooled connections to the database. */
function poolSockets(dataSource: DataSource): Set<Socket> {
  const pool = (dataSource.driver as unknown as { master: { _clients: Client[] } }).master;
  return new Set(
    pool._clients.map(
      (c) => (c as unknown as { connection: { stream: Socket } }).connection.stream,
    ),
  );
}

/**
 * Writes to the database's sockets while a request runs: a round trip is one write (the
 * pipeline corks the socket until its wave is queued) and the answer waited for. Statements
 * are the driver's query calls, as statement-count.test.ts counts them.
 */
function countWire(dataSource: DataSource) {
  const proto = Socket.prototype as unknown as Record<
    '_write' | '_writev',
    (...a: unknown[]) => unknown
  >;
  const originals = { _write: proto._write, _writev: proto._writev };
  const query = Client.prototype.query;
  let writes = 0;
  let statements = 0;
  let bytes: Buffer[] = [];
  let perWrite: ReturnType<typeof protocolMessages>[] = [];
  let sockets = new Set<Socket>();
  for (const name of ['_write', '_writev'] as const) {
    proto[name] = function (this: Socket, ...args: unknown[]) {
      if (sockets.has(this)) {
        writes += 1;
        const chunks =
          name === '_write'
            ? [args[0]]
            : (args[0] as { chunk: unknown }[]).map(({ chunk }) => chunk);
        const written = chunks.filter((chunk): chunk is Buffer => Buffer.isBuffer(chunk));
        bytes.push(...written);
        perWrite.push(protocolMessages(Buffer.concat(written)));
      }
      return originals[name].apply(this, args);
    };
  }
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    statements += 1;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return {
    async during(work: () => Promise<unknown>) {
      sockets = poolSockets(dataSource);
      writes = 0;
      statements = 0;
      bytes = [];
      perWrite = [];
      await work();
      return { writes, statements, perWrite, ...protocolMessages(Buffer.concat(bytes)) };
    },
    restore() {
      Object.assign(proto, originals);
      Client.prototype.query = query;
    },
  };
}

/**
 * The frontend messages written (each a type byte and a length that counts itself): how
 * many Syncs and Binds (statements), and the texts of simple queries (START TRANSACTION, COMMIT).
 */
function protocolMessages(wire: Buffer) {
  let syncs = 0;
  let binds = 0;
  const simple: string[] = [];
  for (let at = 0; at + 5 <= wire.length; at += 1 + wire.readInt32BE(at + 1)) {
    const type = String.fromCharCode(wire[at]!);
    if (type === 'S') syncs += 1;
    if (type === 'B') binds += 1;
    if (type === 'Q') simple.push(wire.toString('utf8', at + 5, at + wire.readInt32BE(at + 1)));
  }
  return { syncs, binds, simple };
}

describe.each(TEST_TARGETS)('database round trips per request on $name', (target) => {
  let user: TestUser;
  let wire: ReturnType<typeof countWire>;
  let projectId: string;
  let tagId: string;
  let taskId: string;

  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(() => {
    wire?.restore();
  });
  const server = useTestServer(target);
  beforeAll(async () => {
    // Before the first request: each pooled client binds its query method then.
    wire = countWire(server.app.database.dataSource);
    user = await server.user();
    const project = await createProject(user);
    projectId = project.id;
    const tag = await createTag(user);
    tagId = tag.id;
    for (let i = 0; i < 3; i += 1) {
      taskId = (
        await createTask(user, {
          projectId,
          tagIds: [tag.id],
          dueAt: `2030-01-0${i + 1}T00:00:00Z`,
        })
      ).id;
    }
  });

  async function roundTrips(query: string, as: TestUser = user) {
    return wire.during(async () => ok(await as.gql(query)));
  }

  it.each([
    ['list', () => LIST],
    ['byId', () => BY_ID(taskId)],
    ['filtered', () => FILTERED(projectId)],
  ])('should answer the %s scenario in one round trip', async (_name, query) => {
    // The first run on a connection prepares its statements: opening (transaction, role,
    // user, timeout, revocation), the data and COMMIT, pipelined in one write.
    const first = await roundTrips(query());
    expect(first.writes).toBe(1);
    // From then on one message series: settings, revocation check and data, one Sync, and
    // neither START TRANSACTION nor COMMIT (one implicit transaction).
    const again = await roundTrips(query());
    expect(again.writes).toBe(1);
    expect(again.statements).toBe(1);
    expect(again.syncs).toBe(1);
    expect(again.simple).toEqual([]);
  });

  it('should answer a document that reads in two waves correctly, then without running it twice', async () => {
    const other = await server.user();
    await createProject(other);
    const first = await roundTrips(NESTED(target.name), other);
    const again = await roundTrips(NESTED(target.name), other);
    // Learned on its first run: from then on, opening + page, the nested pages, COMMIT.
    expect(again.writes).toBe(3);
    expect(first.statements).toBeGreaterThan(again.statements);
    expect(again.statements).toBe(6);
  });

  /** The opening, the write's statements and COMMIT, in one write; nothing after it. */
  function expectOneWrite(
    perWrite: { binds: number; syncs: number; simple: string[] }[],
    binds: number,
  ) {
    expect(perWrite).toEqual([
      { syncs: binds, binds, simple: [expect.stringMatching(/^START TRANSACTION/), 'COMMIT'] },
    ]);
  }

  async function write(query: string) {
    return (await wire.during(async () => ok(await user.gql(query)))).perWrite;
  }

  it('should send a new task’s user row, check, insert, links, read back and COMMIT with the opening', async () => {
    const perWrite = await write(
      `mutation { createTask(input: { title: "t", projectId: "${projectId}", tagIds: ["${tagId}"] }) {
        id project { id } tags { id } } }`,
    );
    // The opening's settings and revocation check; the user row; one check of the project
    // and the tag; the insert, the link and the read back with the answer's project and tags.
    expectOneWrite(perWrite, 7);
  });

  it('should bring a later token’s claims to the user row inside the same one write', async () => {
    const renamed = await server.user({ sub: user.id, email: 'renamed@example.com', name: 'Re' });
    const { perWrite } = await wire.during(async () =>
      ok(await renamed.gql(`mutation { createTask(input: { title: "renamed" }) { id } }`)),
    );
    // The settings, the revocation check, the user row with its claims, the insert, the read back.
    expectOneWrite(perWrite, 5);
  });

  it('should send an update’s check, the update, its read back and COMMIT with the opening', async () => {
    const perWrite = await write(
      `mutation { updateTask(id: "${taskId}", input: { completed: true }) { id tags { id } } }`,
    );
    expectOneWrite(perWrite, 5);
  });

  it('should send the links’ replacement with the update in the same round trip', async () => {
    const perWrite = await write(
      `mutation { updateTask(id: "${taskId}", input: { tagIds: ["${tagId}"] }) { id tags { id } } }`,
    );
    // One check of the task and the tag, the update, the links' delete and insert, the read back.
    expectOneWrite(perWrite, 7);
  });

  it('should send a delete’s check, the delete and COMMIT with the opening', async () => {
    const doomed = (await createTask(user, { title: 'doomed' })).id;
    expectOneWrite(await write(`mutation { deleteTask(id: "${doomed}") }`), 4);
  });

  it('should answer every leaf field of the task, its project and tags from the write’s own statements', async () => {
    // From the published schema: a leaf field added later that needs a statement of its own
    // would fail here (write-selection.ts lets any leaf ride on the write's end).
    const schema = buildSchema(readFileSync('schema.graphql', 'utf8'));
    const leaves = (type: string) =>
      Object.values((schema.getType(type) as GraphQLObjectType).getFields())
        .filter((field) => isLeafType(getNamedType(field.type)))
        .map((field) => field.name)
        .join(' ');
    const perWrite = await write(
      `mutation { createTask(input: { title: "all", projectId: "${projectId}", tagIds: ["${tagId}"] }) {
        ${leaves('Task')} project { ${leaves('Project')} } tags { ${leaves('Tag')} } } }`,
    );
    expectOneWrite(perWrite, 7);
  });

  it.each([
    [
      'createProject',
      () => `mutation { createProject(input: { name: "p" }) { id name createdAt } }`,
      4,
    ],
    [
      'updateProject',
      () => `mutation { updateProject(id: "${projectId}", input: { name: "q" }) { id name } }`,
      5,
    ],
    [
      'createTag',
      () => `mutation { createTag(input: { name: "t-${Math.random()}" }) { id name } }`,
      4,
    ],
    [
      'updateTag',
      () =>
        `mutation { updateTag(id: "${tagId}", input: { name: "u-${Math.random()}" }) { id name } }`,
      5,
    ],
  ])('should send %s’s statements and COMMIT with the opening', async (_name, query, binds) => {
    // Create: the settings, the revocation check, the user row and the insert. Update: the
    // check in place of the user row, then the update and the read back.
    expectOneWrite(await write(query()), binds);
  });

  it('should keep a COMMIT of its own for a write whose answer needs more statements', async () => {
    const perWrite = await write(
      `mutation { updateTask(id: "${taskId}", input: { completed: false }) {
        id project { tasks(first: 5) { totalCount } } } }`,
    );
    expect(perWrite[0]!.simple).toEqual([
      expect.stringMatching(/^START TRANSACTION/),
      'SAVEPOINT mutation_1',
    ]);
    expect(perWrite.at(-1)!.simple).toEqual(['COMMIT']);
  });

  it('should keep savepoints for a document of two mutations', async () => {
    const perWrite = await write(
      `mutation { a: updateTask(id: "${taskId}", input: { completed: true }) { id }
                  b: updateTask(id: "${taskId}", input: { completed: false }) { id } }`,
    );
    const simple = perWrite.flatMap((w) => w.simple);
    expect(simple).toContain('SAVEPOINT mutation_1');
    expect(simple).toContain('SAVEPOINT mutation_2');
    expect(simple.at(-1)).toBe('COMMIT');
  });

  it('should refuse a revoked token in the same single round trip, reading nothing', async () => {
    const victim = await server.user();
    await createTask(victim, { title: 'kept' });
    ok(await victim.gql('mutation { revokeCurrentToken }'));
    const { writes } = await wire.during(async () => {
      const res = await victim.gql(LIST);
      expect(res.status).toBe(401);
      expect(res.body.data ?? null).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('kept');
    });
    // The opening with the page and COMMIT; the check raised, so the transaction was
    // aborted before the page ran and COMMIT rolled back: nothing more to send.
    expect(writes).toBe(1);
  });
});
