import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import {
  createProject,
  createTag,
  createTask,
  expectBadInput,
  ok,
  type TaskRow,
} from '../../support/api';
import { ORDERINGS, expectedOrder } from '../../support/task-order';

interface BackPage {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const FIELDS = `totalCount edges { cursor node { id } }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;

/**
 * Follows startCursor backwards until hasPreviousPage is false, checking every page, and
 * answers the ids in the list's order. Fails on a skipped or repeated row.
 */
async function walkBack(
  fetchPage: (before: string | null) => Promise<BackPage>,
  size: number,
): Promise<string[]> {
  const pages: string[][] = [];
  let before: string | null = null;
  for (let n = 0; n < 200; n++) {
    const page: BackPage = await fetchPage(before);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    expect(page.pageInfo.hasNextPage).toBe(false);
    pages.unshift(page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasPreviousPage) break;
    expect(page.edges).toHaveLength(size);
    before = page.pageInfo.startCursor;
  }
  const ids = pages.flat();
  expect(new Set(ids).size).toBe(ids.length);
  return ids;
}

const ROOT = `query($o: TaskOrder, $last: Int, $before: String, $after: String) {
  tasks(orderBy: $o, last: $last, before: $before, after: $after) { ${FIELDS} }
}`;
const IN_PROJECT = `query($id: ID!, $o: TaskOrder, $last: Int, $before: String) {
  project(id: $id) { tasks(orderBy: $o, last: $last, before: $before) { ${FIELDS} } }
}`;
const IN_TAG = `query($id: ID!, $o: TaskOrder, $f: TaskFilter, $last: Int, $before: String) {
  tag(id: $id) { tasks(orderBy: $o, filter: $f, last: $last, before: $before) { ${FIELDS} } }
}`;
const UNDER_ME = `query($o: TaskOrder, $last: Int, $before: String) {
  me { tasks(orderBy: $o, last: $last, before: $before) { ${FIELDS} } }
}`;
const PROJECTS = `query($o: ProjectOrder, $first: Int, $after: String, $last: Int, $before: String) {
  projects(orderBy: $o, first: $first, after: $after, last: $last, before: $before) { ${FIELDS} }
}`;
const MY_PROJECTS = `query($o: ProjectOrder, $last: Int, $before: String) {
  me { projects(orderBy: $o, last: $last, before: $before) { ${FIELDS} } }
}`;

const TITLES = ['b', 'B', 'a', 'a', 'Z', '_u', 'é', '😀', 'ﬀ'];
const DUE = [null, '2030-01-01T00:00:00.000Z', null, '2029-01-01T00:00:00.000Z'];
const PRIORITIES = ['LOW', 'HIGH', 'HIGH', 'URGENT'];

describe.each(TEST_TARGETS)('Relay connections on $name', (target) => {
  const server = useTestServer(target);

  /** A user with tasks in one project, every other one tagged; and a stranger with the same. */
  async function seed(user: TestUser) {
    const project = await createProject(user);
    const tag = await createTag(user);
    for (const [i, title] of TITLES.entries()) {
      await createTask(user, {
        title,
        dueAt: DUE[i % DUE.length],
        priority: PRIORITIES[i % PRIORITIES.length],
        projectId: project.id,
        tagIds: i % 2 === 0 ? [tag.id] : [],
      });
    }
    const tasks = ok(
      await user.gql(
        `{ tasks(first: 100) { nodes { id title description completed priority dueAt createdAt updatedAt project { id } tags { id name } } } }`,
      ),
    ).tasks.nodes as TaskRow[];
    return { project, tag, tasks };
  }

  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);

  describe('last and before', () => {
    it.each(ORDERINGS)(
      'should page every task list backwards in $field $direction order, nodes in the same order',
      async (order) => {
        const user = await server.user();
        const { project, tag, tasks } = await seed(user);
        await seed(await server.user());
        const expected = ids(expectedOrder(tasks, order));
        const root = (before: string | null) =>
          user.gql(ROOT, { o: order, last: 2, before }).then((r) => ok(r).tasks as BackPage);
        expect(await walkBack(root, 2)).toEqual(expected);
        const mine = (before: string | null) =>
          user.gql(UNDER_ME, { o: order, last: 3, before }).then((r) => ok(r).me.tasks);
        expect(await walkBack(mine, 3)).toEqual(expected);
        const inProject = (before: string | null) =>
          user
            .gql(IN_PROJECT, { id: project.id, o: order, last: 2, before })
            .then((r) => ok(r).project.tasks);
        expect(await walkBack(inProject, 2)).toEqual(expected);
        const tagged = tasks.filter((task) => task.tags.length > 0);
        const inTag = (before: string | null) =>
          user.gql(IN_TAG, { id: tag.id, o: order, last: 2, before }).then((r) => ok(r).tag.tasks);
        expect(await walkBack(inTag, 2)).toEqual(ids(expectedOrder(tagged, order)));
      },
    );

    it('should serve the rows between after and before, and the last of them with last', async () => {
      const user = await server.user();
      const { tasks } = await seed(user);
      const all = ids(expectedOrder(tasks, { field: 'CREATED_AT', direction: 'ASC' }));
      const page = (first: number) =>
        user.gql(`query($n: Int) { tasks(first: $n) { ${FIELDS} } }`, { n: first });
      const edges = (ok(await page(100)).tasks as BackPage).edges;
      const after = edges[1]!.cursor;
      const before = edges[6]!.cursor;
      const between = ok(
        await user.gql(
          `query($a: String, $b: String) { tasks(first: 10, after: $a, before: $b) { ${FIELDS} } }`,
          { a: after, b: before },
        ),
      ).tasks as BackPage;
      expect(ids(between.edges.map((e) => e.node))).toEqual(all.slice(2, 6));
      expect(between.pageInfo.hasNextPage).toBe(false);
      const lastTwo = ok(await user.gql(ROOT, { last: 2, after, before })).tasks as BackPage;
      expect(ids(lastTwo.edges.map((e) => e.node))).toEqual(all.slice(4, 6));
      expect(lastTwo.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      expect(lastTwo.totalCount).toBe(tasks.length);
    });

    it('should say hasPreviousPage false once the start is reached, and answer an empty page before the first row', async () => {
      const user = await server.user();
      const { tasks } = await seed(user);
      const whole = ok(await user.gql(ROOT, { last: 100 })).tasks as BackPage;
      expect(whole.edges).toHaveLength(tasks.length);
      expect(whole.pageInfo.hasPreviousPage).toBe(false);
      const first = whole.pageInfo.startCursor;
      expect(ok(await user.gql(ROOT, { last: 5, before: first })).tasks).toEqual({
        totalCount: tasks.length,
        edges: [],
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: false,
          startCursor: null,
          endCursor: null,
        },
      });
    });

    it('should refuse first and last together, but not last with the default first', async () => {
      const user = await server.user();
      await createTask(user);
      expectBadInput(await user.gql('{ tasks(first: 5, last: 5) { totalCount } }'), 'last');
      expectBadInput(await user.gql('{ tasks(first: 20, last: 5) { totalCount } }'), 'last');
      expectBadInput(
        await user.gql('query($f: Int) { projects(first: $f, last: 1) { totalCount } }', {
          f: 3,
        }),
        'last',
      );
      ok(await user.gql('{ tasks(last: 5) { totalCount } }'));
      // A variable the request leaves out is not given: the schema's default applies.
      ok(await user.gql('query($f: Int) { me { tasks(first: $f, last: 1) { totalCount } } }'));
    });

    it.each([
      ['tasks', '{ tasks(last: %) { totalCount } }'],
      ['projects', '{ projects(last: %) { totalCount } }'],
      ['Project.tasks', '{ projects { nodes { tasks(last: %) { totalCount } } } }'],
      ['Tag.tasks', '{ tags { tasks(last: %) { totalCount } } }'],
      ['User.tasks', '{ me { tasks(last: %) { totalCount } } }'],
      ['User.projects', '{ me { projects(last: %) { totalCount } } }'],
    ])('should hold last on %s to 1-100 like first', async (_name, template) => {
      const user = await server.user();
      const project = await createProject(user);
      const tag = await createTag(user);
      await createTask(user, { projectId: project.id, tagIds: [tag.id] });
      for (const last of ['0', '-1', '101', 'null']) {
        expectBadInput(await user.gql(template.replace('%', last)), 'last');
      }
      for (const last of ['1', '100']) ok(await user.gql(template.replace('%', last)));
    });

    it('should refuse a garbage before, or one from another ordering or list, as bad input', async () => {
      const user = await server.user();
      await seed(user);
      const byTitle = (
        ok(await user.gql(ROOT, { o: { field: 'TITLE', direction: 'ASC' }, last: 2 }))
          .tasks as BackPage
      ).pageInfo.startCursor;
      const project = (ok(await user.gql(PROJECTS, { last: 1 })).projects as BackPage).pageInfo
        .startCursor;
      for (const [o, before] of [
        [null, 'garbage!'],
        [null, byTitle],
        [{ field: 'TITLE', direction: 'DESC' }, byTitle],
        [null, project],
      ] as const) {
        expectBadInput(await user.gql(ROOT, { o, last: 2, before }), 'before');
      }
      const taskCursor = (ok(await user.gql(ROOT, { last: 1 })).tasks as BackPage).pageInfo
        .startCursor;
      expectBadInput(await user.gql(PROJECTS, { last: 1, before: taskCursor }), 'before');
    });

    it("should serve only the caller's own rows before another user's cursor", async () => {
      const user = await server.user();
      const stranger = await server.user();
      const { tasks } = await seed(user);
      const theirs = await seed(stranger);
      const order = { field: 'TITLE', direction: 'DESC' } as const;
      const foreign = (ok(await stranger.gql(ROOT, { o: order, last: 3 })).tasks as BackPage)
        .pageInfo.startCursor;
      const page = ok(await user.gql(ROOT, { o: order, last: 100, before: foreign }))
        .tasks as BackPage;
      const served = page.edges.map((edge) => edge.node.id);
      const expected = ids(expectedOrder(tasks, order));
      // A position among the caller's own rows: a prefix of the caller's full order.
      expect(expected.slice(0, served.length)).toEqual(served);
      expect(served.some((id) => ids(theirs.tasks).includes(id))).toBe(false);
      expect(page.totalCount).toBe(tasks.length);
    });
  });

  describe('projects(orderBy:)', () => {
    const ORDERS = ['CREATED_AT', 'UPDATED_AT', 'NAME'].flatMap((field) =>
      ['ASC', 'DESC'].map((direction) => ({ field, direction })),
    );

    it.each(ORDERS)(
      "should page the caller's projects by $field $direction both ways, never a stranger's",
      async (order) => {
        const user = await server.user();
        const stranger = await server.user();
        const made = [];
        for (const name of ['b', 'B', 'a', 'é', 'a', 'Z'])
          made.push(await createProject(user, { name }));
        await createProject(stranger, { name: 'A' });
        // Renamed in a shuffled order, so UPDATED_AT differs from CREATED_AT.
        for (const i of [3, 0, 4]) {
          ok(
            await user.gql(
              'mutation($id: ID!) { updateProject(id: $id, input: { description: "x" }) { id } }',
              {
                id: made[i]!.id,
              },
            ),
          );
        }
        const rows = ok(
          await user.gql('{ projects(first: 100) { nodes { id name createdAt updatedAt } } }'),
        ).projects.nodes as { id: string; name: string; createdAt: string; updatedAt: string }[];
        const key = (p: (typeof rows)[number]) =>
          order.field === 'NAME'
            ? Buffer.from(p.name)
            : Buffer.from(
                (order.field === 'CREATED_AT' ? p.createdAt : p.updatedAt).padStart(30, '0'),
              );
        const expected = [...rows]
          .sort((x, y) => Buffer.compare(key(x), key(y)) || (x.id < y.id ? -1 : 1))
          .map((p) => p.id);
        if (order.direction === 'DESC') expected.reverse();
        const forward: string[] = [];
        let after: string | null = null;
        for (let n = 0; n < 10; n++) {
          const page = ok(await user.gql(PROJECTS, { o: order, first: 2, after }))
            .projects as BackPage;
          forward.push(...page.edges.map((e) => e.node.id));
          expect(page.totalCount).toBe(6);
          expect(page.pageInfo.hasPreviousPage).toBe(false);
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        expect(forward).toEqual(expected);
        const back = (before: string | null) =>
          user.gql(PROJECTS, { o: order, last: 4, before }).then((r) => ok(r).projects);
        expect(await walkBack(back, 4)).toEqual(expected);
        const mine = (before: string | null) =>
          user.gql(MY_PROJECTS, { o: order, last: 5, before }).then((r) => ok(r).me.projects);
        expect(await walkBack(mine, 5)).toEqual(expected);
      },
    );

    it('should bind project cursors to their order', async () => {
      const user = await server.user();
      for (const name of ['x', 'y', 'z']) await createProject(user, { name });
      const byName = (
        ok(await user.gql(PROJECTS, { o: { field: 'NAME', direction: 'ASC' }, first: 1 }))
          .projects as BackPage
      ).pageInfo.endCursor;
      expectBadInput(await user.gql(PROJECTS, { first: 1, after: byName }), 'after');
      expectBadInput(
        await user.gql(PROJECTS, {
          o: { field: 'NAME', direction: 'DESC' },
          first: 1,
          after: byName,
        }),
        'after',
      );
      ok(
        await user.gql(PROJECTS, {
          o: { field: 'NAME', direction: 'ASC' },
          first: 1,
          after: byName,
        }),
      );
    });
  });

  describe('Tag.tasks filters', () => {
    it("should filter and order a tag's tasks like tasks, within the caller's own rows", async () => {
      const user = await server.user();
      const stranger = await server.user();
      const { tag, tasks, project } = await seed(user);
      const theirs = await seed(stranger);
      const urgent = ok(
        await user.gql(
          `query($id: ID!, $f: TaskFilter) { tag(id: $id) { tasks(filter: $f, orderBy: { field: TITLE, direction: DESC }) { totalCount nodes { id } } } }`,
          { id: tag.id, f: { priority: 'LOW', projectId: project.id } },
        ),
      ).tag.tasks;
      const expected = expectedOrder(
        tasks.filter((t) => t.tags.length > 0 && t.priority === 'LOW'),
        { field: 'TITLE', direction: 'DESC' },
      );
      expect(expected.length).toBeGreaterThan(0);
      expect(urgent).toEqual({
        totalCount: expected.length,
        nodes: ids(expected).map((id) => ({ id })),
      });
      // A foreign project in the filter matches nothing, as on tasks.
      const foreign = ok(
        await user.gql(
          `query($id: ID!, $f: TaskFilter) { tag(id: $id) { tasks(filter: $f) { totalCount nodes { id } } } }`,
          { id: tag.id, f: { projectId: theirs.project.id } },
        ),
      ).tag.tasks;
      expect(foreign).toEqual({ totalCount: 0, nodes: [] });
      // The stranger's tag is null to the caller, filter or not.
      const theirTag = ok(
        await user.gql(
          `query($id: ID!) { tag(id: $id) { tasks(filter: { completed: false }) { totalCount } } }`,
          { id: theirs.tag.id },
        ),
      );
      expect(theirTag).toEqual({ tag: null });
    });

    it('should refuse a bad search in a tag filter as on tasks', async () => {
      const user = await server.user();
      const tag = await createTag(user);
      expectBadInput(
        await user.gql(
          'query($id: ID!, $s: String) { tag(id: $id) { tasks(filter: { search: $s }) { totalCount } } }',
          { id: tag.id, s: 'x'.repeat(201) },
        ),
        'filter.search',
      );
    });
  });
});
