import { randomBytes, randomUUID } from 'node:crypto';
import { withCursorId, withTwinId } from '../../support/isolation/cursors';
import { codesOf, dataOf } from '../../support/isolation/graphql';
import { expectAnsweredAsMissing, expectNoTraceOf } from '../../support/isolation/leaks';
import type { GraphQLResponse } from '../../support/test-server';
import type { World, WorldTask } from '../../support/isolation/world';
import type { IsolationContext } from './isolation-context';

const ORDER_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'DUE_AT', 'PRIORITY', 'TITLE'] as const;
export const TASK_ORDERS = ORDER_FIELDS.flatMap((field) =>
  (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })),
);

const sorted = (ids: readonly string[]) => [...ids].sort();
const idsOfTasks = (tasks: readonly WorldTask[]) => sorted(tasks.map((t) => t.id));

const LISTS = `{
  projects(first: 100) { totalCount nodes { id tasks(first: 100) { totalCount nodes { id } } } }
  tasks(first: 100) { totalCount nodes { id project { id } tags { id } } }
  tags { id tasks(first: 100) { totalCount nodes { id } } }
  me { id
    projects(first: 100) { totalCount nodes { id } }
    tasks(first: 100) { totalCount nodes { id } }
    tags { id }
  }
}`;

const FILTERED = `query($f: TaskFilter, $p: ID!) {
  tasks(first: 100, filter: $f) { totalCount nodes { id } }
  me { tasks(first: 100, filter: $f) { totalCount nodes { id } } }
  project(id: $p) { tasks(first: 100, filter: $f) { totalCount nodes { id } } }
  projects(first: 100) { nodes { tasks(first: 100, filter: $f) { totalCount nodes { id } } } }
}`;

/** The ids and counts a FILTERED answer holds, at the root, under me and under A's project. */
function filteredIds(data: any): { root: string[]; me: string[]; counts: number[] } {
  const ids = (nodes: { id: string }[]) => sorted(nodes.map((n) => n.id));
  return {
    root: ids(data.tasks.nodes),
    me: ids(data.me.tasks.nodes),
    counts: [data.tasks.totalCount, data.me.tasks.totalCount],
  };
}

function expectOnly(data: any, expected: readonly WorldTask[]): void {
  const ids = idsOfTasks(expected);
  expect(filteredIds(data)).toEqual({ root: ids, me: ids, counts: [ids.length, ids.length] });
}

/** Case-insensitive, literal: what a search must match in title or description. */
function matches(task: WorldTask, search: string): boolean {
  const needle = search.toLowerCase();
  return [task.title, task.description ?? ''].some((text) => text.toLowerCase().includes(needle));
}

/** All of a user's tasks in one ordering, a page at a time, every page's totalCount too. */
async function walkTasks(world: World, orderBy: object, first: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res: GraphQLResponse = await world.user.gql(
      `query($o: TaskOrder, $after: String, $first: Int!) {
        tasks(first: $first, orderBy: $o, after: $after) {
          totalCount nodes { id } pageInfo { hasNextPage endCursor }
        }
      }`,
      { o: orderBy, after, first },
    );
    const { tasks } = dataOf<{ tasks: any }>(res);
    ids.push(...tasks.nodes.map((n: { id: string }) => n.id));
    totals.add(tasks.totalCount);
    if (!tasks.pageInfo.hasNextPage) break;
    after = tasks.pageInfo.endCursor;
  }
  return { ids, totals: [...totals] };
}

export function describeForeignLists(ctx: IsolationContext): void {
  describe('lists and counts', () => {
    it("should list and count only A's own records, at the root, under me and nested", async () => {
      const { a, b } = ctx;
      const res = await a.user.gql(LISTS);
      expectNoTraceOf(b, res);
      const data = dataOf(res);
      const projectIds = sorted(a.projects.map((p) => p.id));
      const tagIds = sorted(a.tags.map((t) => t.id));
      expect(data.projects.totalCount).toBe(a.projects.length);
      expect(sorted(data.projects.nodes.map((p: any) => p.id))).toEqual(projectIds);
      expect(data.tasks.totalCount).toBe(a.tasks.length);
      expect(sorted(data.tasks.nodes.map((t: any) => t.id))).toEqual(idsOfTasks(a.tasks));
      expect(sorted(data.tags.map((t: any) => t.id))).toEqual(tagIds);
      expect(data.me.id).toBe(a.user.id);
      expect(data.me.projects.totalCount).toBe(a.projects.length);
      expect(sorted(data.me.projects.nodes.map((p: any) => p.id))).toEqual(projectIds);
      expect(data.me.tasks.totalCount).toBe(a.tasks.length);
      expect(sorted(data.me.tags.map((t: any) => t.id))).toEqual(tagIds);
      for (const project of data.projects.nodes) {
        const expected = idsOfTasks(a.tasks.filter((t) => t.projectId === project.id));
        expect(project.tasks.totalCount).toBe(expected.length);
        expect(sorted(project.tasks.nodes.map((t: any) => t.id))).toEqual(expected);
      }
      for (const tag of data.tags) {
        const expected = idsOfTasks(a.tasks.filter((t) => t.tagIds.includes(tag.id)));
        expect(tag.tasks.totalCount).toBe(expected.length);
        expect(sorted(tag.tasks.nodes.map((t: any) => t.id))).toEqual(expected);
      }
      for (const task of data.tasks.nodes) {
        const seeded = a.tasks.find((t) => t.id === task.id)!;
        expect(task.project?.id ?? null).toBe(seeded.projectId);
        expect(sorted(task.tags.map((t: any) => t.id))).toEqual(sorted(seeded.tagIds));
      }
    });

    it.each(TASK_ORDERS)(
      "should page through A's own tasks by $field $direction, meeting none of B's",
      async (orderBy) => {
        const { a, b } = ctx;
        const { ids, totals } = await walkTasks(a, orderBy, 2);
        expect(totals).toEqual([a.tasks.length]);
        expect(ids).toHaveLength(a.tasks.length);
        expect(sorted(ids)).toEqual(idsOfTasks(a.tasks));
        expect(ids.filter((id) => b.tasks.some((t) => t.id === id))).toEqual([]);
      },
    );
  });

  describe('filters and search', () => {
    it("should match nothing when a filter names B's project or tag, as for a missing id", async () => {
      const { a, b } = ctx;
      const foreign = [...b.projects, ...b.tags, ...b.tasks].map((r) => r.id);
      for (const key of ['projectId', 'tagId'] as const) {
        for (const id of foreign) {
          const res = await expectAnsweredAsMissing(
            a.user,
            b,
            FILTERED,
            (value) => ({ f: { [key]: value }, p: a.projects[0]!.id }),
            id,
            randomUUID(),
          );
          expectOnly(dataOf(res), []);
        }
      }
      // Combined with a filter that alone matches A's tasks, B's id still narrows to nothing.
      const res = await expectAnsweredAsMissing(
        a.user,
        b,
        FILTERED,
        (value) => ({ f: { projectId: a.projects[0]!.id, tagId: value }, p: a.projects[0]!.id }),
        b.tags[0]!.id,
        randomUUID(),
      );
      expectOnly(dataOf(res), []);
    });

    it("should count completed, priority and due-date matches among A's tasks only", async () => {
      const { a, b } = ctx;
      const cases: [object, (t: WorldTask) => boolean][] = [
        [{ completed: true }, (t) => t.completed],
        [{ completed: false }, (t) => !t.completed],
        ...(['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const).map(
          (p): [object, (t: WorldTask) => boolean] => [{ priority: p }, (t) => t.priority === p],
        ),
        [
          { dueBefore: '2030-06-01T00:00:00.000Z' },
          (t) => t.dueAt !== null && t.dueAt < '2030-06-01T00:00:00.000Z',
        ],
        [
          { dueAfter: '2029-01-01T00:00:00.000Z' },
          (t) => t.dueAt !== null && t.dueAt > '2029-01-01T00:00:00.000Z',
        ],
        [{ completed: false, priority: 'HIGH' }, (t) => !t.completed && t.priority === 'HIGH'],
      ];
      for (const [filter, predicate] of cases) {
        const res = await a.user.gql(FILTERED, { f: filter, p: a.projects[0]!.id });
        expectNoTraceOf(b, res);
        expectOnly(dataOf(res), a.tasks.filter(predicate));
      }
    });

    it("should find nothing when searching B's strings, as for strings nobody stored", async () => {
      const { a, b } = ctx;
      const searches = [
        b.canary,
        b.tasks[0]!.title,
        b.tasks[0]!.description!,
        b.projects[0]!.name,
        b.tags[0]!.name,
        b.canary.toUpperCase(),
      ];
      for (const search of searches) {
        // A stand-in of the same shape: a canary nobody stored, in the same surroundings.
        const standIn = search.split(b.canary).join(`cnry${randomBytes(6).toString('hex')}`);
        const res = await expectAnsweredAsMissing(
          a.user,
          b,
          FILTERED,
          (value) => ({ f: { search: value }, p: a.projects[0]!.id }),
          search,
          search === b.canary.toUpperCase() ? standIn.toUpperCase() : standIn,
        );
        expectOnly(dataOf(res), []);
      }
    });

    it.each(['%', '_', '\\', '0%', 'e_c', '%_%', '_%', 'CASE', '100% done', 'it ', ''])(
      "should treat the search %p literally, matching A's tasks only",
      async (search) => {
        const { a, b } = ctx;
        const res = await a.user.gql(FILTERED, { f: { search }, p: a.projects[0]!.id });
        expectNoTraceOf(b, res);
        expectOnly(
          dataOf(res),
          a.tasks.filter((t) => matches(t, search)),
        );
      },
    );
  });

  describe('cursors', () => {
    /** B's cursors: every task ordering's first two pages, and B's project list's. */
    async function cursorsOf(world: World) {
      const tasks: { orderBy: object; cursor: string }[] = [];
      for (const orderBy of TASK_ORDERS) {
        const data = dataOf(
          await world.user.gql(
            'query($o: TaskOrder) { tasks(first: 2, orderBy: $o) { edges { cursor } } }',
            { o: orderBy },
          ),
        );
        for (const edge of data.tasks.edges) tasks.push({ orderBy, cursor: edge.cursor });
      }
      const projects = dataOf(
        await world.user.gql('{ projects(first: 1) { pageInfo { endCursor } } }'),
      ).projects.pageInfo.endCursor as string;
      return { tasks, projects };
    }

    const AFTER_TASKS = `query($o: TaskOrder, $after: String, $p: ID!) {
      tasks(first: 100, orderBy: $o, after: $after) {
        totalCount nodes { id } pageInfo { hasNextPage endCursor }
      }
      me { tasks(first: 100, orderBy: $o, after: $after) { totalCount nodes { id } } }
      project(id: $p) { tasks(first: 100, orderBy: $o, after: $after) { totalCount nodes { id } } }
    }`;
    const AFTER_PROJECTS = `query($after: String) {
      projects(first: 100, after: $after) { totalCount nodes { id } pageInfo { endCursor } }
      me { projects(first: 100, after: $after) { totalCount nodes { id } } }
    }`;

    // The same lists read backwards: before bounds them as after does.
    const BEFORE_TASKS = `query($o: TaskOrder, $before: String, $p: ID!) {
      tasks(last: 100, orderBy: $o, before: $before) {
        totalCount nodes { id } pageInfo { hasPreviousPage startCursor }
      }
      me { tasks(last: 100, orderBy: $o, before: $before) { totalCount nodes { id } } }
      project(id: $p) { tasks(last: 100, orderBy: $o, before: $before) { totalCount nodes { id } } }
      tags { tasks(last: 100, orderBy: $o, before: $before) { totalCount nodes { id } } }
    }`;
    const BEFORE_PROJECTS = `query($before: String) {
      projects(last: 100, before: $before) { totalCount nodes { id } pageInfo { startCursor } }
      me { projects(last: 100, before: $before) { totalCount nodes { id } } }
    }`;

    function expectOnlyAs(data: any, a: World): void {
      const mine = new Set([...a.tasks, ...a.projects].map((r) => r.id));
      const seen = JSON.stringify(data).match(/[0-9a-f]{8}-[0-9a-f-]{27}/gi) ?? [];
      expect(seen.filter((id) => !mine.has(id))).toEqual([]);
    }

    // The same check for both paging directions: B's cursors as after, then as before.
    const sides = [
      { side: 'after', as: '', tasks: AFTER_TASKS, projects: AFTER_PROJECTS },
      { side: 'before', as: ' as before', tasks: BEFORE_TASKS, projects: BEFORE_PROJECTS },
    ] as const;
    for (const { side, as, tasks, projects } of sides) {
      it(`should place B's cursors${as} among A's rows exactly as cursors naming a missing row`, async () => {
        const { a, b } = ctx;
        const theirs = await cursorsOf(b);
        for (const { orderBy, cursor } of theirs.tasks) {
          const res = await expectAnsweredAsMissing(
            a.user,
            b,
            tasks,
            (value) => ({ o: orderBy, [side]: value, p: a.projects[0]!.id }),
            cursor,
            withTwinId(cursor),
          );
          expectOnlyAs(dataOf(res), a);
          expect(dataOf(res).tasks.totalCount).toBe(a.tasks.length);
        }
        const res = await expectAnsweredAsMissing(
          a.user,
          b,
          projects,
          (value) => ({ [side]: value }),
          theirs.projects,
          withTwinId(theirs.projects),
        );
        expectOnlyAs(dataOf(res), a);
        expect(dataOf(res).projects.totalCount).toBe(a.projects.length);
      });
    }

    it("should answer hand-edited cursors naming B's rows as ones naming missing rows", async () => {
      const { a, b } = ctx;
      const mine = await cursorsOf(a);
      for (const { orderBy, cursor } of mine.tasks) {
        for (const task of b.tasks) {
          const forged = withCursorId(cursor, task.id);
          const res = await expectAnsweredAsMissing(
            a.user,
            b,
            AFTER_TASKS,
            (value) => ({ o: orderBy, after: value, p: a.projects[0]!.id }),
            forged,
            withTwinId(forged),
          );
          expectOnlyAs(dataOf(res), a);
        }
      }
      for (const project of b.projects) {
        const forged = withCursorId(mine.projects, project.id);
        await expectAnsweredAsMissing(
          a.user,
          b,
          AFTER_PROJECTS,
          (value) => ({ after: value }),
          forged,
          withTwinId(forged),
        );
      }
    });

    it("should refuse B's cursors for another ordering, as any cursor of the wrong list", async () => {
      const { a, b } = ctx;
      const theirs = await cursorsOf(b);
      const wrong = { field: 'TITLE', direction: 'DESC' };
      for (const { orderBy, cursor } of theirs.tasks) {
        if (JSON.stringify(orderBy) === JSON.stringify(wrong)) continue;
        const res = await expectAnsweredAsMissing(
          a.user,
          b,
          AFTER_TASKS,
          (value) => ({ o: wrong, after: value, p: a.projects[0]!.id }),
          cursor,
          withTwinId(cursor),
        );
        expect(codesOf(res)).toContain('BAD_USER_INPUT');
      }
      const res = await expectAnsweredAsMissing(
        a.user,
        b,
        AFTER_TASKS,
        (value) => ({ o: null, after: value, p: a.projects[0]!.id }),
        theirs.projects,
        withTwinId(theirs.projects),
      );
      expect(codesOf(res)).toContain('BAD_USER_INPUT');
    });
  });
}
