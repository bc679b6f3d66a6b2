import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import {
  TASK_FIELDS,
  createProject,
  createTag,
  createTask,
  errorOf,
  expectBadInput,
  ok,
  type TaskRow,
} from '../../support/api';
import {
  ORDERINGS,
  expectedOrder,
  type Direction,
  type OrderField,
} from '../../support/task-order';
import { CONNECTION_FIELDS, walk, type Connection } from '../../support/walk';

type Order = { field: OrderField; direction: Direction };

// Ties on purpose: equal titles, priorities and due dates, and several tasks without one.
// 'ﬀ' (U+FB00) sorts before '😀' in UTF-8 bytes but after it in UTF-16 code units.
const TITLES = ['b', 'B', 'a', 'a', 'Z', '_under', 'é', 'a b', '€', '😀', 'b', 'A', 'a', 'ﬀ'];
const PRIORITIES = ['LOW', 'HIGH', 'HIGH', 'URGENT', 'MEDIUM', 'HIGH', 'LOW'];
const DUE_DATES = [
  null,
  '2030-01-01T00:00:00.000Z',
  '2030-01-01T00:00:00.000Z',
  null,
  '2029-06-01T12:00:00.000Z',
  null,
  '2031-02-03T00:00:00.000Z',
];

const ROOT = `query($o: TaskOrder, $first: Int, $after: String) {
  tasks(orderBy: $o, first: $first, after: $after) { ${CONNECTION_FIELDS} }
}`;
const IN_PROJECT = `query($id: ID!, $o: TaskOrder, $first: Int, $after: String) {
  project(id: $id) { tasks(orderBy: $o, first: $first, after: $after) { ${CONNECTION_FIELDS} } }
}`;
const UNDER_ME = `query($o: TaskOrder, $first: Int, $after: String) {
  me { tasks(orderBy: $o, first: $first, after: $after) { ${CONNECTION_FIELDS} } }
}`;
const IN_TAG = `query($id: ID!, $first: Int, $after: String) {
  tag(id: $id) { tasks(first: $first, after: $after) { ${CONNECTION_FIELDS} } }
}`;
const PROJECTS = `query($first: Int, $after: String) {
  projects(first: $first, after: $after) { ${CONNECTION_FIELDS} }
}`;

interface Dataset {
  project: { id: string };
  tag: { id: string };
  /** Every task of the user, as stored. */
  tasks: TaskRow[];
  /** The tasks in the project (all but one). */
  inProject: TaskRow[];
}

/** One request creates them all, so created_at values are close and may tie. */
async function seed(user: TestUser): Promise<Dataset> {
  const project = await createProject(user);
  const tag = await createTag(user);
  const inputs = TITLES.map((title, i) => ({
    title,
    priority: PRIORITIES[i % PRIORITIES.length],
    dueAt: DUE_DATES[i % DUE_DATES.length],
    projectId: project.id,
    tagIds: i % 2 === 0 ? [tag.id] : [],
  }));
  const doc = `mutation(${inputs.map((_, i) => `$i${i}: CreateTaskInput!`).join(', ')}) {
    ${inputs.map((_, i) => `t${i}: createTask(input: $i${i}) { id }`).join('\n')}
  }`;
  const created = ok(
    await user.gql(doc, Object.fromEntries(inputs.map((input, i) => [`i${i}`, input]))),
  );
  // Some later updates, so UPDATED_AT differs from CREATED_AT.
  for (const i of [3, 0, 9]) {
    ok(
      await user.gql(
        'mutation($id: ID!) { updateTask(id: $id, input: { completed: true }) { id } }',
        {
          id: created[`t${i}`].id,
        },
      ),
    );
  }
  await createTask(user, { title: 'outside the project' });
  const tasks = ok(await user.gql(`{ tasks(first: 100) { nodes { ${TASK_FIELDS} } } }`)).tasks
    .nodes as TaskRow[];
  return {
    project,
    tag,
    tasks,
    inProject: tasks.filter((task) => task.project?.id === project.id),
  };
}

describe.each(TEST_TARGETS)('pagination on $name', (target) => {
  let a: TestUser;
  let b: TestUser;
  let data: Dataset;
  let theirs: Dataset;
  // Seeding is slow, so the two seeded users are shared, but only ever read: every test
  // that writes makes its own user.
  const server = useTestServer(target);
  beforeAll(async () => {
    a = await server.user();
    b = await server.user();
    data = await seed(a);
    theirs = await seed(b);
  });

  const page = async (user: TestUser, query: string, variables: Record<string, unknown>) =>
    ok(await user.gql(query, variables));
  const rootPage = (o: Order | null, first: number, after: string | null, user = a) =>
    page(user, ROOT, { o, first, after }).then((d) => d.tasks as Connection);
  const ids = (tasks: readonly TaskRow[]) => tasks.map((task) => task.id);

  describe('ordering', () => {
    it.each(ORDERINGS)(
      'should serve every task once, in $field $direction order, across pages of 3',
      async (order) => {
        const expected = ids(expectedOrder(data.tasks, order));
        const all = await rootPage(order, 100, null);
        expect(all.edges.map((edge) => edge.node.id)).toEqual(expected);
        expect(await walk((after) => rootPage(order, 3, after), 3)).toEqual(expected);
      },
    );

    it.each(ORDERINGS)(
      "should page a project's tasks in $field $direction order",
      async (order) => {
        const expected = ids(expectedOrder(data.inProject, order));
        const fetch = async (after: string | null) =>
          (await page(a, IN_PROJECT, { id: data.project.id, o: order, first: 4, after })).project
            .tasks as Connection;
        expect(await walk(fetch, 4)).toEqual(expected);
      },
    );

    it.each(ORDERINGS)('should page me.tasks in $field $direction order', async (order) => {
      const expected = ids(expectedOrder(data.tasks, order));
      const fetch = async (after: string | null) =>
        (await page(a, UNDER_ME, { o: order, first: 5, after })).me.tasks as Connection;
      expect(await walk(fetch, 5)).toEqual(expected);
    });

    it('should default to CREATED_AT ascending, and direction to ASC', async () => {
      const expected = ids(expectedOrder(data.tasks, { field: 'CREATED_AT', direction: 'ASC' }));
      expect((await rootPage(null, 100, null)).edges.map((e) => e.node.id)).toEqual(expected);
      const res = await a.gql('{ tasks(orderBy: { field: TITLE }, first: 100) { nodes { id } } }');
      expect(ok(res).tasks.nodes.map((n: { id: string }) => n.id)).toEqual(
        ids(expectedOrder(data.tasks, { field: 'TITLE', direction: 'ASC' })),
      );
    });

    it("should page a tag's tasks oldest first", async () => {
      const tagged = data.tasks.filter((task) => task.tags.some((t) => t.id === data.tag.id));
      const expected = ids(expectedOrder(tagged, { field: 'CREATED_AT', direction: 'ASC' }));
      const fetch = async (after: string | null) =>
        (await page(a, IN_TAG, { id: data.tag.id, first: 2, after })).tag.tasks as Connection;
      expect(await walk(fetch, 2)).toEqual(expected);
    });

    it("should page several projects' tasks separately in one request", async () => {
      const c = await server.user();
      const first = await createProject(c, { name: 'first' });
      const second = await createProject(c, { name: 'second' });
      const made: Record<string, string> = {};
      for (const [title, project] of [
        ['a', first],
        ['d', first],
        ['b', first],
        ['x', second],
        ['z', second],
        ['y', second],
        ['w', second],
      ] as const) {
        made[title] = (await createTask(c, { title, projectId: project.id })).id;
      }
      const res = await c.gql(
        `{ projects(first: 100) { nodes { id
          tasks(orderBy: { field: TITLE, direction: DESC }, first: 2) {
            totalCount nodes { id } pageInfo { hasNextPage }
          }
        } } }`,
      );
      expect(ok(res).projects.nodes).toEqual([
        {
          id: first.id,
          tasks: {
            totalCount: 3,
            nodes: [{ id: made.d }, { id: made.b }],
            pageInfo: { hasNextPage: true },
          },
        },
        {
          id: second.id,
          tasks: {
            totalCount: 4,
            nodes: [{ id: made.z }, { id: made.y }],
            pageInfo: { hasNextPage: true },
          },
        },
      ]);
    });

    it('should page past due dates before year 1 in both directions', async () => {
      const c = await server.user();
      const made = [];
      for (const dueAt of [
        '0000-01-01T00:00:00Z',
        null,
        '0001-06-01T00:00:00Z',
        '2030-01-01T00:00:00Z',
      ]) {
        made.push(await createTask(c, { dueAt }));
      }
      for (const direction of ['ASC', 'DESC'] as const) {
        const order = { field: 'DUE_AT', direction } as const;
        const fetch = async (after: string | null) =>
          (await page(c, ROOT, { o: order, first: 1, after })).tasks as Connection;
        expect(await walk(fetch, 1)).toEqual(ids(expectedOrder(made, order)));
      }
    });

    it('should page projects oldest first', async () => {
      const c = await server.user();
      const made = [];
      for (const name of ['p1', 'p2', 'p3', 'p4', 'p5'])
        made.push(await createProject(c, { name }));
      await createProject(b, { name: 'not theirs' });
      const fetch = async (after: string | null) =>
        (await page(c, PROJECTS, { first: 2, after })).projects as Connection;
      expect(await walk(fetch, 2)).toEqual(made.map((p) => p.id));
    });

    it('should answer an empty page after the last one', async () => {
      const last = await rootPage(null, 100, null);
      expect(await rootPage(null, 5, last.pageInfo.endCursor)).toEqual({
        totalCount: data.tasks.length,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('should keep totalCount to the filter while paging', async () => {
      const open = data.tasks.filter((task) => !task.completed);
      const order = { field: 'PRIORITY', direction: 'DESC' } as const;
      const fetch = async (after: string | null) =>
        (
          await page(
            a,
            `query($after: String) { tasks(filter: { completed: false }, orderBy: { field: PRIORITY, direction: DESC }, first: 4, after: $after) { ${CONNECTION_FIELDS} } }`,
            { after },
          )
        ).tasks as Connection;
      expect(await walk(fetch, 4)).toEqual(ids(expectedOrder(open, order)));
      expect((await fetch(null)).totalCount).toBe(open.length);
    });
  });

  describe('first', () => {
    const lists: [string, string, (d: Dataset) => Record<string, unknown>][] = [
      ['tasks', 'query($first: Int) { tasks(first: $first) { totalCount } }', () => ({})],
      ['projects', 'query($first: Int) { projects(first: $first) { totalCount } }', () => ({})],
      [
        'Project.tasks',
        'query($id: ID!, $first: Int) { project(id: $id) { tasks(first: $first) { totalCount } } }',
        (d) => ({ id: d.project.id }),
      ],
      [
        'Tag.tasks',
        'query($id: ID!, $first: Int) { tag(id: $id) { tasks(first: $first) { totalCount } } }',
        (d) => ({ id: d.tag.id }),
      ],
      [
        'User.projects',
        'query($first: Int) { me { projects(first: $first) { totalCount } } }',
        () => ({}),
      ],
      [
        'User.tasks',
        'query($first: Int) { me { tasks(first: $first) { totalCount } } }',
        () => ({}),
      ],
    ];

    it.each(lists)('should refuse 0, -1, 101 and null on %s', async (_name, query, vars) => {
      for (const first of [0, -1, 101, null]) {
        expectBadInput(await a.gql(query, { ...vars(data), first }), 'first');
      }
    });

    it.each(lists)('should accept 1 and 100 on %s', async (_name, query, vars) => {
      for (const first of [1, 100]) ok(await a.gql(query, { ...vars(data), first }));
    });

    it('should refuse a literal first: null as well as a variable', async () => {
      expectBadInput(await a.gql('{ tasks(first: null) { totalCount } }'), 'first');
      expectBadInput(await a.gql('{ me { projects(first: 0) { totalCount } } }'), 'first');
    });

    it('should serve exactly first rows and say whether more follow', async () => {
      const one = await rootPage(null, 1, null);
      expect(one.edges).toHaveLength(1);
      expect(one.pageInfo.hasNextPage).toBe(true);
      const all = await rootPage(null, data.tasks.length, null);
      expect(all.edges).toHaveLength(data.tasks.length);
      expect(all.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe('after', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const uuid = '00000000-0000-4000-8000-000000000000';
    const priority = { field: 'PRIORITY', direction: 'ASC' } as const;
    const title = { field: 'TITLE', direction: 'ASC' } as const;
    // Each with the ordering it claims, so only the broken part can be the reason.
    const garbage: [string, Order | null][] = [
      ['', null],
      ['x', null],
      ['garbage!', null],
      ['x'.repeat(5000), null],
      [Buffer.from('not json').toString('base64url'), null],
      [encode([1, 2]), null],
      [encode({ ordering: 'task:CREATED_AT:ASC' }), null],
      [encode(['task:CREATED_AT:ASC', 'not a date', uuid]), null],
      [encode(['task:CREATED_AT:ASC', '2030-01-01T00:00:00.000Z', 'not-a-uuid']), null],
      [encode(['task:CREATED_AT:ASC', null, uuid]), null],
      [encode(['task:CREATED_AT:ASC', '2030-01-01T00:00:00.000Z', uuid, 'extra']), null],
      [encode(['task:PRIORITY:ASC', 1.5, uuid]), priority],
      [encode(['task:PRIORITY:ASC', '1', uuid]), priority],
      [encode(['task:TITLE:ASC', 3, uuid]), title],
      [encode(['task:TITLE:ASC', null, uuid]), title],
      // PostgreSQL text cannot hold NUL: such a value can only fail, so it is bad input.
      [encode(['task:TITLE:ASC', 'a\u0000', uuid]), title],
      // Values Date.parse takes that are no timestamp this API ever wrote into a cursor.
      [encode(['task:CREATED_AT:ASC', '1', uuid]), null],
      [encode(['task:CREATED_AT:ASC', 'Tue, 01 Jan 2030 00:00:00 GMT', uuid]), null],
      [encode(['task:CREATED_AT:ASC', 'March 7 2030', uuid]), null],
      [encode(['task:PRIORITY:ASC', 40000, uuid]), priority],
      [encode(['task:PRIORITY:ASC', 1e20, uuid]), priority],
    ];

    it('should refuse garbage cursors with BAD_USER_INPUT', async () => {
      for (const [after, o] of garbage) {
        expectBadInput(await a.gql(ROOT, { o, first: 5, after }), 'after');
        expectBadInput(
          await a.gql(IN_PROJECT, { id: data.project.id, o, first: 5, after }),
          'after',
        );
        expectBadInput(await a.gql(UNDER_ME, { o, first: 5, after }), 'after');
      }
      expectBadInput(
        await a.gql(IN_TAG, { id: data.tag.id, first: 5, after: 'garbage!' }),
        'after',
      );
      const projectGarbage = [
        'garbage!',
        encode(['project:CREATED_AT:ASC', 'not a date', uuid]),
        encode(['project:CREATED_AT:ASC', null, uuid]),
        encode(['project:CREATED_AT:ASC', '2030-01-01T00:00:00.000Z', 'nope']),
      ];
      for (const after of projectGarbage) {
        expectBadInput(await a.gql(PROJECTS, { first: 5, after }), 'after');
      }
    });

    it('should refuse a cursor taken from another ordering or another list', async () => {
      const byTitle = (await rootPage({ field: 'TITLE', direction: 'ASC' }, 2, null)).pageInfo
        .endCursor;
      const ascending = (await rootPage({ field: 'CREATED_AT', direction: 'ASC' }, 2, null))
        .pageInfo.endCursor;
      const projects = (await page(a, PROJECTS, { first: 1, after: null })).projects.pageInfo
        .endCursor;
      const cases: [Order | null, string | null][] = [
        [{ field: 'PRIORITY', direction: 'ASC' }, byTitle],
        [{ field: 'TITLE', direction: 'DESC' }, byTitle],
        [{ field: 'CREATED_AT', direction: 'DESC' }, ascending],
        [{ field: 'UPDATED_AT', direction: 'ASC' }, ascending],
        [null, projects],
      ];
      for (const [o, after] of cases) {
        expectBadInput(await a.gql(ROOT, { o, first: 5, after }), 'after');
      }
      expectBadInput(await a.gql(PROJECTS, { first: 5, after: ascending }), 'after');
    });

    it.each(ORDERINGS)(
      "should serve only the caller's own rows after another user's $field $direction cursor",
      async (order) => {
        const foreign = (await rootPage(order, 3, null, b)).pageInfo.endCursor;
        const res = await a.gql(ROOT, { o: order, first: 100, after: foreign });
        const served = (ok(res).tasks as Connection).edges.map((edge) => edge.node.id);
        const mine = new Set(ids(data.tasks));
        expect(served.every((id) => mine.has(id))).toBe(true);
        expect(served.some((id) => ids(theirs.tasks).includes(id))).toBe(false);
        // A position among the caller's own rows: a suffix of the caller's full order.
        const expected = ids(expectedOrder(data.tasks, order));
        expect(expected.slice(expected.length - served.length)).toEqual(served);
      },
    );

    it("should serve only the caller's own projects after another user's cursor", async () => {
      const foreign = (await page(b, PROJECTS, { first: 1, after: null })).projects.pageInfo
        .endCursor;
      const res = await a.gql(
        `query($after: String) { projects(after: $after) { nodes { id } } }`,
        {
          after: foreign,
        },
      );
      const served = ok(res).projects.nodes.map((node: { id: string }) => node.id);
      expect(served.every((id: string) => id !== theirs.project.id)).toBe(true);
      const mine = ok(await a.gql('{ projects(first: 100) { nodes { id } } }')).projects.nodes;
      expect(served.every((id: string) => mine.some((p: { id: string }) => p.id === id))).toBe(
        true,
      );
    });

    it('should treat a hand-made cursor value as data, never as SQL', async () => {
      const order = { field: 'TITLE', direction: 'ASC' } as const;
      const after = encode(['task:TITLE:ASC', "' OR 1=1; DROP TABLE tasks; --", uuid]);
      const res = await a.gql(ROOT, { o: order, first: 100, after });
      const served = (ok(res).tasks as Connection).edges.map((edge) => edge.node.id);
      const expected = ids(expectedOrder(data.tasks, order));
      expect(expected.slice(expected.length - served.length)).toEqual(served);
      expect((await rootPage(null, 100, null)).totalCount).toBe(data.tasks.length);
    });

    it('should never answer INTERNAL_SERVER_ERROR to a malformed cursor', async () => {
      const res = await a.gql(ROOT, { o: null, first: 5, after: '%%%' });
      errorOf(res, 'BAD_USER_INPUT');
    });
  });
});
