import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { APP_ROLE } from '../../../src/db/app-role';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { codesOf, dataOf } from '../../support/isolation/graphql';
import { RELAXED_LIMITS } from '../../support/isolation/relaxed-limits';
import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

// Jest takes testTimeout from the root config only, not from a project's.
jest.setTimeout(120_000);

const USERS = 50;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const jitter = () => sleep(Math.floor(Math.random() * 4));

const LIST_ALL = `{
  me { id }
  projects(first: 100) { totalCount nodes { id name } }
  tasks(first: 100) { totalCount nodes { id title project { id name } tags { id name } } }
  tags { id name tasks(first: 100) { nodes { id title } } }
}`;

/** Every name in a user's answer must carry the user's own prefix. */
function namesIn(data: any): string[] {
  return [
    ...data.projects.nodes.map((p: any) => p.name),
    ...data.tasks.nodes.flatMap((t: any) => [
      t.title,
      t.project?.name,
      ...t.tags.map((g: any) => g.name),
    ]),
    ...data.tags.flatMap((g: any) => [g.name, ...g.tasks.nodes.map((t: any) => t.title)]),
  ].filter((name): name is string => typeof name === 'string');
}

describe.each(TEST_TARGETS)('concurrency isolation on $name', (target) => {
  // 210 requests at once queue for PGlite's one session; on a loaded machine the last waits
  // past the default 10 s. This suite is about isolation under concurrency, not queueing.
  const server = useTestServer(target, { ...RELAXED_LIMITS, DB_CONNECT_TIMEOUT: '60s' });

  it("should keep many users' concurrent requests apart, undoing only what failed", async () => {
    const users = await Promise.all(range(USERS).map(() => server.user()));
    const prefix = (i: number) => `u${i}:`;
    const ownerOf = new Map(users.map((u, i) => [u.id, i]));
    const seesOnlyOwn = (user: TestUser, i: number, data: any) => {
      expect(data.me.id).toBe(user.id);
      expect(namesIn(data).filter((name) => !name.startsWith(prefix(i)))).toEqual([]);
    };

    // Round 1: each user's first requests all at once, and users whose only request fails:
    // a first write inserts the user row, then fails, and must take the row with it.
    const ghosts = await Promise.all(range(USERS / 5).map(() => server.user()));
    const ghostsFailed = Promise.all(
      ghosts.map((ghost) =>
        ghost.gql(
          'mutation($p: ID!) { createTask(input: {title: "lost", projectId: $p}) { id } }',
          {
            p: randomUUID(),
          },
        ),
      ),
    );
    const first = await Promise.all(
      users.map(async (user, i) => {
        const [lost, one, two, listed] = await Promise.all([
          user.gql(
            'mutation($p: ID!) { createTask(input: {title: "lost", projectId: $p}) { id } }',
            {
              p: randomUUID(),
            },
          ),
          user.gql(
            'mutation($n: String!, $g: String!) { p: createProject(input: {name: $n}) { id owner { id } } g: createTag(input: {name: $g}) { id } }',
            { n: `${prefix(i)} one`, g: `${prefix(i)} tag` },
          ),
          user.gql('mutation($n: String!) { createProject(input: {name: $n}) { id } }', {
            n: `${prefix(i)} two`,
          }),
          user.gql(LIST_ALL),
        ]);
        expect(codesOf(lost)).toEqual(['NOT_FOUND']);
        seesOnlyOwn(user, i, dataOf(listed));
        const made = dataOf(one);
        expect(made.p.owner.id).toBe(user.id);
        return { project: made.p.id, two: dataOf(two).createProject.id, tag: made.g.id };
      }),
    );

    for (const res of await ghostsFailed) expect(codesOf(res)).toEqual(['NOT_FOUND']);

    // Round 2: writes that name a neighbour's project or tag fail (the mutations before them
    // in the same document stand), interleaved with successful writes and reads.
    await Promise.all(
      users.map(async (user, i) => {
        const mine = first[i]!;
        const theirs = first[(i + 1) % USERS]!;
        const [kept, refused, reparent, listed] = await Promise.all([
          user.gql(
            'mutation($t: String!, $p: ID, $g: [ID!]) { createTask(input: {title: $t, projectId: $p, tagIds: $g}) { id } }',
            { t: `${prefix(i)} kept`, p: mine.project, g: [mine.tag] },
          ),
          user.gql(
            `mutation($n: String!, $theirs: ID!) {
              kept: createTag(input: {name: $n}) { id }
              lost: createTask(input: {title: "lost", projectId: $theirs}) { id }
            }`,
            { n: `${prefix(i)} kept tag`, theirs: theirs.project },
          ),
          user.gql(
            'mutation($p: ID!, $g: [ID!]) { createTask(input: {title: "lost", projectId: $p, tagIds: $g}) { id } }',
            { p: mine.two, g: [mine.tag, theirs.tag] },
          ),
          user.gql(LIST_ALL),
        ]);
        dataOf(kept);
        expect(codesOf(refused)).toEqual(['NOT_FOUND']);
        expect(codesOf(reparent)).toEqual(['NOT_FOUND']);
        seesOnlyOwn(user, i, dataOf(listed));
        const taken = await user.gql(
          'mutation($id: ID!) { updateProject(id: $id, input: {name: "taken"}) { id } }',
          { id: theirs.project },
        );
        expect(codesOf(taken)).toEqual(['NOT_FOUND']);
      }),
    );

    // Afterwards each user has exactly what succeeded, and the database holds nothing else.
    const finals = await Promise.all(users.map((user) => user.gql(LIST_ALL)));
    finals.forEach((res, i) => {
      const data = dataOf(res);
      seesOnlyOwn(users[i]!, i, { ...data, me: { id: users[i]!.id } });
      expect(data.projects.nodes.map((p: any) => p.name).sort()).toEqual([
        `${prefix(i)} one`,
        `${prefix(i)} two`,
      ]);
      expect(data.tags.map((g: any) => g.name).sort()).toEqual([
        `${prefix(i)} kept tag`,
        `${prefix(i)} tag`,
      ]);
      expect(data.tasks.nodes.map((t: any) => [t.title, t.project.id, t.tags.length])).toEqual([
        [`${prefix(i)} kept`, first[i]!.project, 1],
      ]);
    });
    const ds = server.app.database.dataSource;
    const rows = (await ds.query(
      `SELECT 'project' AS kind, owner_id, name FROM projects
       UNION ALL SELECT 'task', owner_id, title FROM tasks
       UNION ALL SELECT 'tag', owner_id, name FROM tags`,
    )) as { kind: string; owner_id: string; name: string }[];
    const ghostRows = (await ds.query('SELECT id FROM users WHERE id = ANY($1)', [
      ghosts.map((ghost) => ghost.id),
    ])) as unknown[];
    expect(ghostRows).toEqual([]);
    const mine = rows.filter((row) => ownerOf.has(row.owner_id));
    expect(mine.filter((row) => row.name === 'lost')).toEqual([]);
    expect(mine.filter((row) => row.kind === 'task')).toHaveLength(USERS);
    expect(mine).toHaveLength(USERS * 5);
    expect(mine.filter((row) => !row.name.startsWith(prefix(ownerOf.get(row.owner_id)!)))).toEqual(
      [],
    );
  });

  it('should give each concurrent transaction its own user and role, keeping only committed rows', async () => {
    const ds = server.app.database.dataSource;
    const log = pino({ level: 'silent' });
    const userIds = range(USERS).map((i) => `tx-${i}-${randomUUID()}`);
    const results = await Promise.all(
      userIds.map(async (userId, i) => {
        const tx = await RequestTransaction.begin(ds, userId, log);
        const settings: string[] = [];
        const whoAmI = async () => {
          const [row] = await tx.query<{ id: string; role: string }>(
            `SELECT current_setting('app.user_id', true) AS id, current_user AS role`,
          );
          settings.push(`${row!.id}|${row!.role}`);
        };
        try {
          await whoAmI();
          await jitter();
          await tx.query('INSERT INTO users (id) VALUES ($1)', [userId]);
          await whoAmI();
          const [project] = await tx.query<{ id: string }>(
            'INSERT INTO projects (owner_id, name) VALUES ($1, $2) RETURNING id',
            [userId, `p${i}`],
          );
          await jitter();
          await whoAmI();
          const visible = await tx.query<{ owner_id: string }>('SELECT owner_id FROM projects');
          await jitter();
          await whoAmI();
          const commit = i % 3 !== 0;
          if (commit) await tx.commit();
          else await tx.rollback();
          return { userId, settings, visible, projectId: project!.id, commit };
        } catch (error) {
          await tx.rollback();
          throw error;
        }
      }),
    );
    for (const { userId, settings, visible } of results) {
      expect(settings).toEqual(Array(4).fill(`${userId}|${APP_ROLE}`));
      expect(visible.map((row) => row.owner_id)).toEqual([userId]);
    }
    const stored = (await ds.query('SELECT id, owner_id FROM projects WHERE owner_id = ANY($1)', [
      userIds,
    ])) as { id: string; owner_id: string }[];
    const storedUsers = (await ds.query('SELECT id FROM users WHERE id = ANY($1)', [userIds])) as {
      id: string;
    }[];
    const committed = results.filter((r) => r.commit);
    expect(stored.map((row) => row.id).sort()).toEqual(committed.map((r) => r.projectId).sort());
    expect(storedUsers.map((row) => row.id).sort()).toEqual(committed.map((r) => r.userId).sort());
    // Nothing of any request stays on the pooled connections once its transaction is over.
    const after = (await Promise.all(
      range(20).map(() =>
        ds.query(`SELECT current_setting('app.user_id', true) AS id, current_user AS role`),
      ),
    )) as { id: string | null; role: string }[][];
    for (const [row] of after) {
      expect(row!.id ?? '').toBe('');
      expect(row!.role).not.toBe(APP_ROLE);
    }
  });
});
