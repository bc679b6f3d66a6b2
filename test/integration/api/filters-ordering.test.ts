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

const FILTERED = `query($filter: TaskFilter, $o: TaskOrder) {
  tasks(filter: $filter, orderBy: $o, first: 100) { totalCount nodes { id title } }
}`;

describe.each(TEST_TARGETS)('filters and ordering on $name', (target) => {
  const server = useTestServer(target);

  /** The titles a filter selects (in creation order), checked against totalCount. */
  const titles = async (user: TestUser, filter: Record<string, unknown>, o?: unknown) => {
    const { tasks } = ok(await user.gql(FILTERED, { filter, o }));
    expect(tasks.totalCount).toBe(tasks.nodes.length);
    return tasks.nodes.map((node: { title: string }) => node.title);
  };

  const make = async (user: TestUser, inputs: Record<string, unknown>[]): Promise<TaskRow[]> => {
    const made = [];
    for (const input of inputs) made.push(await createTask(user, input));
    return made;
  };

  describe('filter', () => {
    it('should filter by completed', async () => {
      const a = await server.user();
      const [done] = await make(a, [{ title: 'done' }, { title: 'open' }]);
      ok(
        await a.gql(
          'mutation($id: ID!) { updateTask(id: $id, input: { completed: true }) { id } }',
          {
            id: done!.id,
          },
        ),
      );
      expect(await titles(a, { completed: true })).toEqual(['done']);
      expect(await titles(a, { completed: false })).toEqual(['open']);
      expect(await titles(a, { completed: null })).toEqual(['done', 'open']);
    });

    it("should filter by the caller's project, and match nothing for any other id", async () => {
      const a = await server.user();
      const b = await server.user();
      const p1 = await createProject(a);
      const p2 = await createProject(a);
      const theirs = await createProject(b);
      await make(a, [
        { title: 'in p1', projectId: p1.id },
        { title: 'in p2', projectId: p2.id },
        { title: 'loose' },
      ]);
      await createTask(b, { title: 'in theirs', projectId: theirs.id });
      expect(await titles(a, { projectId: p1.id })).toEqual(['in p1']);
      expect(await titles(a, { projectId: p1.id.toUpperCase() })).toEqual(['in p1']);
      for (const projectId of [theirs.id, '00000000-0000-4000-8000-000000000000', 'nope', '']) {
        expect(await titles(a, { projectId })).toEqual([]);
      }
    });

    it("should filter by the caller's tag, and match nothing for any other id", async () => {
      const a = await server.user();
      const b = await server.user();
      const red = await createTag(a, 'red');
      const blue = await createTag(a, 'blue');
      const theirs = await createTag(b, 'red');
      await make(a, [
        { title: 'red', tagIds: [red.id] },
        { title: 'both', tagIds: [red.id, blue.id] },
        { title: 'blue', tagIds: [blue.id] },
        { title: 'none' },
      ]);
      await createTask(b, { title: 'their red', tagIds: [theirs.id] });
      expect(await titles(a, { tagId: red.id })).toEqual(['red', 'both']);
      expect(await titles(a, { tagId: blue.id })).toEqual(['both', 'blue']);
      for (const tagId of [theirs.id, '00000000-0000-4000-8000-000000000000', 'x'.repeat(1000)]) {
        expect(await titles(a, { tagId })).toEqual([]);
      }
    });

    it('should filter by priority', async () => {
      const a = await server.user();
      await make(a, [
        { title: 'low', priority: 'LOW' },
        { title: 'medium' },
        { title: 'high', priority: 'HIGH' },
        { title: 'urgent', priority: 'URGENT' },
        { title: 'urgent too', priority: 'URGENT' },
      ]);
      expect(await titles(a, { priority: 'LOW' })).toEqual(['low']);
      expect(await titles(a, { priority: 'MEDIUM' })).toEqual(['medium']);
      expect(await titles(a, { priority: 'HIGH' })).toEqual(['high']);
      expect(await titles(a, { priority: 'URGENT' })).toEqual(['urgent', 'urgent too']);
    });

    it('should search title or description, ignoring case', async () => {
      const a = await server.user();
      await make(a, [
        { title: 'Buy MILK' },
        { title: 'groceries', description: 'eggs and milk' },
        { title: 'milkshake recipe' },
        { title: 'unrelated', description: 'nothing here' },
      ]);
      expect(await titles(a, { search: 'milk' })).toEqual([
        'Buy MILK',
        'groceries',
        'milkshake recipe',
      ]);
      expect(await titles(a, { search: 'MiLk' })).toEqual([
        'Buy MILK',
        'groceries',
        'milkshake recipe',
      ]);
      expect(await titles(a, { search: 'EGGS' })).toEqual(['groceries']);
      expect(await titles(a, { search: 'absent' })).toEqual([]);
    });

    it('should take %, _ and \\ in a search literally', async () => {
      const a = await server.user();
      await make(a, [
        { title: '100% done' },
        { title: '1000 done' },
        { title: 'a_b' },
        { title: 'axb' },
        { title: 'back\\slash' },
        { title: 'plain', description: 'fifty% off' },
      ]);
      expect(await titles(a, { search: '%' })).toEqual(['100% done', 'plain']);
      expect(await titles(a, { search: '0%' })).toEqual(['100% done']);
      expect(await titles(a, { search: 'a_b' })).toEqual(['a_b']);
      expect(await titles(a, { search: '_' })).toEqual(['a_b']);
      expect(await titles(a, { search: '\\' })).toEqual(['back\\slash']);
      expect(await titles(a, { search: '%%' })).toEqual([]);
    });

    it('should refuse a search longer than 200 characters', async () => {
      const a = await server.user();
      await createTask(a, { title: 'x'.repeat(200) });
      expect(await titles(a, { search: 'x'.repeat(200) })).toEqual(['x'.repeat(200)]);
      expectBadInput(
        await a.gql(FILTERED, { filter: { search: 'x'.repeat(201) } }),
        'filter.search',
      );
    });

    it('should match dueBefore and dueAfter strictly, and never a task without dueAt', async () => {
      const a = await server.user();
      const at = '2030-06-15T12:00:00.000Z';
      await make(a, [
        { title: 'before', dueAt: '2030-06-15T11:59:59.999Z' },
        { title: 'at', dueAt: at },
        { title: 'after', dueAt: '2030-06-15T12:00:00.001Z' },
        { title: 'undated' },
      ]);
      expect(await titles(a, { dueBefore: at })).toEqual(['before']);
      expect(await titles(a, { dueAfter: at })).toEqual(['after']);
      expect(
        await titles(a, {
          dueAfter: '2030-06-15T11:59:59.999Z',
          dueBefore: '2030-06-15T12:00:00.001Z',
        }),
      ).toEqual(['at']);
      expect(await titles(a, { dueBefore: '2999-01-01T00:00:00Z' })).toEqual([
        'before',
        'at',
        'after',
      ]);
      expect(await titles(a, { dueAfter: '1970-01-01T00:00:00Z' })).toEqual([
        'before',
        'at',
        'after',
      ]);
      // Another offset names the same instant.
      expect(await titles(a, { dueBefore: '2030-06-15T14:00:00+02:00' })).toEqual(['before']);
    });

    it('should combine filters with AND and count only what matches', async () => {
      const a = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      await make(a, [
        { title: 'match me', priority: 'HIGH', projectId: project.id, tagIds: [tag.id] },
        { title: 'match me', priority: 'LOW', projectId: project.id, tagIds: [tag.id] },
        { title: 'match me', priority: 'HIGH', tagIds: [tag.id] },
        { title: 'other', priority: 'HIGH', projectId: project.id, tagIds: [tag.id] },
        { title: 'match me', priority: 'HIGH', projectId: project.id },
      ]);
      const filter = {
        projectId: project.id,
        tagId: tag.id,
        priority: 'HIGH',
        search: 'MATCH',
        completed: false,
      };
      expect(await titles(a, filter)).toEqual(['match me']);
      const res = await a.gql(
        `query($id: ID!, $filter: TaskFilter) {
          project(id: $id) { tasks(filter: $filter) { totalCount } }
          me { tasks(filter: $filter) { totalCount } }
          all: tasks { totalCount }
        }`,
        { id: project.id, filter },
      );
      expect(ok(res)).toEqual({
        project: { tasks: { totalCount: 1 } },
        me: { tasks: { totalCount: 1 } },
        all: { totalCount: 5 },
      });
    });

    it('should treat an empty filter as no filter', async () => {
      const a = await server.user();
      await make(a, [{ title: 'one' }, { title: 'two' }]);
      expect(await titles(a, {})).toEqual(['one', 'two']);
    });
  });

  describe('orderBy', () => {
    it('should order priority LOW < MEDIUM < HIGH < URGENT, ties by id', async () => {
      const a = await server.user();
      const made = await make(a, [
        { title: 'high', priority: 'HIGH' },
        { title: 'low', priority: 'LOW' },
        { title: 'urgent', priority: 'URGENT' },
        { title: 'medium', priority: 'MEDIUM' },
        { title: 'high 2', priority: 'HIGH' },
      ]);
      const highs = made
        .filter((t) => t.priority === 'HIGH')
        .sort((x, y) => (x.id < y.id ? -1 : 1))
        .map((t) => t.title);
      expect(await titles(a, {}, { field: 'PRIORITY', direction: 'ASC' })).toEqual([
        'low',
        'medium',
        ...highs,
        'urgent',
      ]);
      expect(await titles(a, {}, { field: 'PRIORITY', direction: 'DESC' })).toEqual([
        'urgent',
        ...[...highs].reverse(),
        'medium',
        'low',
      ]);
    });

    it('should order titles by bytes, whatever the database collation', async () => {
      const a = await server.user();
      await make(
        a,
        ['b', 'a', 'B', 'A', '_', 'é', 'Z', '😀', 'ﬀ', '10', '9'].map((title) => ({ title })),
      );
      expect(await titles(a, {}, { field: 'TITLE', direction: 'ASC' })).toEqual([
        '10',
        '9',
        'A',
        'B',
        'Z',
        '_',
        'a',
        'b',
        'é',
        'ﬀ',
        '😀',
      ]);
    });

    it('should put tasks without dueAt last in both directions', async () => {
      const a = await server.user();
      const made = await make(a, [
        { title: 'none 1' },
        { title: 'late', dueAt: '2031-01-01T00:00:00Z' },
        { title: 'none 2' },
        { title: 'early', dueAt: '2030-01-01T00:00:00Z' },
      ]);
      const undated = made
        .filter((t) => t.dueAt === null)
        .sort((x, y) => (x.id < y.id ? -1 : 1))
        .map((t) => t.title);
      expect(await titles(a, {}, { field: 'DUE_AT', direction: 'ASC' })).toEqual([
        'early',
        'late',
        ...undated,
      ]);
      expect(await titles(a, {}, { field: 'DUE_AT', direction: 'DESC' })).toEqual([
        'late',
        'early',
        ...[...undated].reverse(),
      ]);
    });

    it('should order by updatedAt after an update', async () => {
      const a = await server.user();
      const [first] = await make(a, [{ title: 'first' }, { title: 'second' }]);
      ok(
        await a.gql(
          'mutation($id: ID!) { updateTask(id: $id, input: { title: "first!" }) { id } }',
          {
            id: first!.id,
          },
        ),
      );
      expect(await titles(a, {}, { field: 'UPDATED_AT', direction: 'DESC' })).toEqual([
        'first!',
        'second',
      ]);
      expect(await titles(a, {}, { field: 'CREATED_AT', direction: 'DESC' })).toEqual([
        'second',
        'first!',
      ]);
    });
  });
});
