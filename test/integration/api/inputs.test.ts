import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import {
  TASK_FIELDS,
  counts,
  createProject,
  createTag,
  createTask,
  errorOf,
  expectBadInput,
  ok,
  readProject,
  readTask,
} from '../../support/api';

const CREATE_TASK = `mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
const UPDATE_TASK = `mutation($id: ID!, $input: UpdateTaskInput!) {
  updateTask(id: $id, input: $input) { ${TASK_FIELDS} }
}`;
const CREATE_PROJECT = `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`;
const UPDATE_PROJECT = `mutation($id: ID!, $input: UpdateProjectInput!) {
  updateProject(id: $id, input: $input) { id }
}`;
const CREATE_TAG = `mutation($input: CreateTagInput!) { createTag(input: $input) { id } }`;

const NUL = 'a\u0000b';

describe.each(TEST_TARGETS)('inputs on $name', (target) => {
  const server = useTestServer(target);

  /** Runs each bad request, expecting BAD_USER_INPUT on the field and no change in counts. */
  const expectRefused = async (
    user: TestUser,
    query: string,
    cases: [Record<string, unknown>, string][],
  ) => {
    const before = await counts(user);
    for (const [variables, field] of cases) {
      expectBadInput(await user.gql(query, variables), field);
    }
    expect(await counts(user)).toEqual(before);
  };

  /** Several tags, in requests of at most 15 aliases (MAX_ALIASES). */
  const makeTags = async (user: TestUser, n: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let start = 0; start < n; start += 15) {
      const doc = `mutation { ${Array.from(
        { length: Math.min(15, n - start) },
        (_, i) => `t${start + i}: createTag(input: { name: "tag ${start + i}" }) { id }`,
      ).join(' ')} }`;
      ids.push(...Object.values(ok(await user.gql(doc))).map((tag: any) => tag.id as string));
    }
    return ids;
  };

  describe('limits', () => {
    it('should refuse a task title that is empty, blank or over 200 characters', async () => {
      const a = await server.user();
      await expectRefused(a, CREATE_TASK, [
        [{ input: { title: '' } }, 'title'],
        [{ input: { title: ' \t\n ' } }, 'title'],
        [{ input: { title: 'x'.repeat(201) } }, 'title'],
      ]);
    });

    it('should accept a task title of 200 characters, counted after trimming', async () => {
      const a = await server.user();
      ok(await a.gql(CREATE_TASK, { input: { title: 'x'.repeat(200) } }));
      ok(await a.gql(CREATE_TASK, { input: { title: `  ${'y'.repeat(200)}  ` } }));
      expect((await counts(a)).tasks).toBe(2);
    });

    it('should count characters, not UTF-16 units', async () => {
      const a = await server.user();
      const task = ok(
        await a.gql(CREATE_TASK.replace('{ id }', '{ id title }'), {
          input: { title: '😀'.repeat(200) },
        }),
      ).createTask;
      expect(task.title).toBe('😀'.repeat(200));
      expectBadInput(await a.gql(CREATE_TASK, { input: { title: '😀'.repeat(201) } }), 'title');
    });

    it('should refuse a task description over 5000 characters', async () => {
      const a = await server.user();
      await expectRefused(a, CREATE_TASK, [
        [{ input: { title: 't', description: 'd'.repeat(5001) } }, 'description'],
      ]);
      ok(await a.gql(CREATE_TASK, { input: { title: 't', description: 'd'.repeat(5000) } }));
    });

    it('should refuse more than 20 tags on a task', async () => {
      const a = await server.user();
      const tagIds = await makeTags(a, 21);
      await expectRefused(a, CREATE_TASK, [[{ input: { title: 't', tagIds } }, 'tagIds']]);
      const res = await a.gql(
        'mutation($input: CreateTaskInput!) { createTask(input: $input) { tags { id } } }',
        { input: { title: 't', tagIds: tagIds.slice(0, 20) } },
      );
      expect(ok(res).createTask.tags).toHaveLength(20);
    });

    it('should refuse the same limits on updateTask and change nothing', async () => {
      const a = await server.user();
      const tagIds = await makeTags(a, 21);
      const task = await createTask(a, { title: 'keep', description: 'keep' });
      const cases: [Record<string, unknown>, string][] = [
        [{ title: null }, 'title'],
        [{ title: '' }, 'title'],
        [{ title: '   ' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ description: 'd'.repeat(5001) }, 'description'],
        [{ tagIds }, 'tagIds'],
        [{ completed: null }, 'completed'],
        [{ priority: null }, 'priority'],
        // A valid change beside the bad one is not written either.
        [{ completed: true, title: '' }, 'title'],
      ];
      for (const [input, field] of cases) {
        expectBadInput(await a.gql(UPDATE_TASK, { id: task.id, input }), field);
      }
      expect(await readTask(a, task.id)).toEqual(task);
    });

    it('should refuse a project name that is empty, blank or over 100 characters', async () => {
      const a = await server.user();
      await expectRefused(a, CREATE_PROJECT, [
        [{ input: { name: '' } }, 'name'],
        [{ input: { name: '   ' } }, 'name'],
        [{ input: { name: 'n'.repeat(101) } }, 'name'],
        [{ input: { name: 'ok', description: 'd'.repeat(2001) } }, 'description'],
      ]);
      ok(await a.gql(CREATE_PROJECT, { input: { name: 'n'.repeat(100) } }));
      ok(await a.gql(CREATE_PROJECT, { input: { name: 'n', description: 'd'.repeat(2000) } }));
    });

    it('should refuse the same limits on updateProject and change nothing', async () => {
      const a = await server.user();
      const project = await createProject(a, { name: 'keep', description: 'keep' });
      const before = await readProject(a, project.id);
      const cases: [Record<string, unknown>, string][] = [
        [{ name: null }, 'name'],
        [{ name: '' }, 'name'],
        [{ name: ' ' }, 'name'],
        [{ name: 'n'.repeat(101) }, 'name'],
        [{ description: 'd'.repeat(2001) }, 'description'],
      ];
      for (const [input, field] of cases) {
        expectBadInput(await a.gql(UPDATE_PROJECT, { id: project.id, input }), field);
      }
      expect(await readProject(a, project.id)).toEqual(before);
    });

    it('should refuse a tag name that is empty, blank or over 50 characters', async () => {
      const a = await server.user();
      await expectRefused(a, CREATE_TAG, [
        [{ input: { name: '' } }, 'name'],
        [{ input: { name: '  ' } }, 'name'],
        [{ input: { name: 't'.repeat(51) } }, 'name'],
      ]);
      ok(await a.gql(CREATE_TAG, { input: { name: 't'.repeat(50) } }));
    });

    it('should refuse text the database cannot store (NUL) as bad input', async () => {
      const a = await server.user();
      const project = await createProject(a);
      const task = await createTask(a);
      await expectRefused(a, CREATE_TASK, [
        [{ input: { title: NUL } }, 'title'],
        [{ input: { title: 't', description: NUL } }, 'description'],
      ]);
      await expectRefused(a, CREATE_PROJECT, [
        [{ input: { name: NUL } }, 'name'],
        [{ input: { name: 'p', description: NUL } }, 'description'],
      ]);
      await expectRefused(a, CREATE_TAG, [[{ input: { name: NUL } }, 'name']]);
      expectBadInput(await a.gql(UPDATE_TASK, { id: task.id, input: { title: NUL } }), 'title');
      expectBadInput(await a.gql(UPDATE_PROJECT, { id: project.id, input: { name: NUL } }), 'name');
      const search = await a.gql(
        'query($s: String) { tasks(filter: { search: $s }) { totalCount } }',
        { s: NUL },
      );
      expectBadInput(search, 'filter.search');
    });
  });

  describe('fields the caller may not set', () => {
    const forbidden = ['id', 'ownerId', 'owner', 'userId', 'createdAt', 'updatedAt'];
    const literal = (field: string) =>
      field === 'owner' ? `{ id: "x" }` : field.endsWith('At') ? '"2020-01-01T00:00:00Z"' : '"x"';

    it.each(forbidden)(
      'should refuse %s in every input type as a validation error',
      async (field) => {
        const a = await server.user();
        const project = await createProject(a);
        const task = await createTask(a);
        const before = { counts: await counts(a), task: await readTask(a, task.id) };
        const value = literal(field);
        const docs = [
          `mutation { createTask(input: { title: "t", ${field}: ${value} }) { id } }`,
          `mutation { updateTask(id: "${task.id}", input: { ${field}: ${value} }) { id } }`,
          `mutation { createProject(input: { name: "p", ${field}: ${value} }) { id } }`,
          `mutation { updateProject(id: "${project.id}", input: { ${field}: ${value} }) { id } }`,
          `mutation { createTag(input: { name: "g", ${field}: ${value} }) { id } }`,
        ];
        for (const doc of docs) {
          const res = await a.gql(doc);
          expect(res.status).toBe(400);
          expect(res.body.data).toBeUndefined();
          errorOf(res, 'GRAPHQL_VALIDATION_FAILED');
        }
        // Through variables too: unknown input fields fail variable coercion.
        const viaVariable = await a.gql(CREATE_TASK, { input: { title: 't', [field]: 'x' } });
        expect(viaVariable.status).toBe(400);
        errorOf(viaVariable, 'BAD_USER_INPUT');
        expect(await counts(a)).toEqual(before.counts);
        expect(await readTask(a, task.id)).toEqual(before.task);
      },
    );
  });

  describe('DateTime and enums', () => {
    const badDates = ['not-a-date', '2030-13-01T00:00:00Z', '2030-02-30T00:00:00Z', '', 'now'];

    it('should refuse an invalid dueAt without an internal error and write nothing', async () => {
      const a = await server.user();
      const task = await createTask(a, { dueAt: '2030-01-01T00:00:00.000Z' });
      for (const dueAt of [...badDates, 12345, true]) {
        const created = await a.gql(CREATE_TASK, { input: { title: 't', dueAt } });
        expect(created.status).toBe(400);
        expect(errorOf(created, 'BAD_USER_INPUT').message).toContain('dueAt');
        const updated = await a.gql(UPDATE_TASK, { id: task.id, input: { dueAt } });
        expect(updated.status).toBe(400);
        errorOf(updated, 'BAD_USER_INPUT');
      }
      const inline = await a.gql(
        'mutation { createTask(input: { title: "t", dueAt: "soon" }) { id } }',
      );
      expect(inline.status).toBe(400);
      errorOf(inline, 'GRAPHQL_VALIDATION_FAILED');
      expect((await counts(a)).tasks).toBe(1);
      expect(await readTask(a, task.id)).toEqual(task);
    });

    it('should refuse an invalid date in a filter without an internal error', async () => {
      const a = await server.user();
      for (const dueBefore of badDates) {
        const res = await a.gql(
          'query($d: DateTime) { tasks(filter: { dueBefore: $d }) { totalCount } }',
          {
            d: dueBefore,
          },
        );
        expect(res.status).toBe(400);
        errorOf(res, 'BAD_USER_INPUT');
      }
    });

    it('should refuse an unknown priority', async () => {
      const a = await server.user();
      const res = await a.gql(CREATE_TASK, { input: { title: 't', priority: 'SUPER' } });
      expect(res.status).toBe(400);
      errorOf(res, 'BAD_USER_INPUT');
      const inline = await a.gql(
        'mutation { createTask(input: { title: "t", priority: SUPER }) { id } }',
      );
      errorOf(inline, 'GRAPHQL_VALIDATION_FAILED');
      expect((await counts(a)).tasks).toBe(0);
    });

    it('should refuse an explicit null priority on createTask', async () => {
      const a = await server.user();
      await expectRefused(a, CREATE_TASK, [
        [{ input: { title: 't', priority: null } }, 'priority'],
      ]);
    });
  });

  describe('updateTask semantics', () => {
    it('should leave omitted fields as they are', async () => {
      const a = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      const task = await createTask(a, {
        title: 'full',
        description: 'desc',
        priority: 'HIGH',
        dueAt: '2030-01-01T00:00:00.000Z',
        projectId: project.id,
        tagIds: [tag.id],
      });
      const res = ok(await a.gql(UPDATE_TASK, { id: task.id, input: { completed: true } }));
      expect(res.updateTask).toEqual({ ...task, completed: true, updatedAt: expect.any(String) });
      const empty = ok(await a.gql(UPDATE_TASK, { id: task.id, input: {} }));
      expect(empty.updateTask).toEqual({ ...task, completed: true, updatedAt: expect.any(String) });
    });

    it('should clear description, dueAt, projectId and tagIds with null', async () => {
      const a = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      const task = await createTask(a, {
        title: 'full',
        description: 'desc',
        dueAt: '2030-01-01T00:00:00.000Z',
        projectId: project.id,
        tagIds: [tag.id],
      });
      const res = await a.gql(UPDATE_TASK, {
        id: task.id,
        input: { description: null, dueAt: null, projectId: null, tagIds: null },
      });
      const cleared = { ...task, description: null, dueAt: null, project: null, tags: [] };
      expect(ok(res).updateTask).toEqual({ ...cleared, updatedAt: expect.any(String) });
      expect(await readTask(a, task.id)).toEqual({ ...cleared, updatedAt: expect.any(String) });
      expect(await readProject(a, project.id)).not.toBeNull();
      expect(await counts(a)).toEqual({ tasks: 1, projects: 1, tags: 1 });
    });

    it('should store a blank description as none', async () => {
      const a = await server.user();
      const task = await createTask(a, { description: '   ' });
      expect(task.description).toBeNull();
    });
  });

  describe('several mutations in one document', () => {
    it('should keep the first mutation when the second fails, and leave nothing of the second', async () => {
      const a = await server.user();
      const b = await server.user();
      const theirs = await createTag(b);
      const mine = await createTag(a, 'mine');
      const res = await a.gql(
        `mutation($theirs: ID!, $mine: ID!) {
          first: createProject(input: { name: "kept" }) { id }
          second: createTask(input: { title: "dropped", tagIds: [$mine, $theirs] }) { id }
        }`,
        { theirs: theirs.id, mine: mine.id },
      );
      expect(res.status).toBe(200);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ path: ['second'], extensions: { code: 'NOT_FOUND' } }),
      ]);
      const projects = ok(await a.gql('{ projects { nodes { name } } tasks { totalCount } }'));
      expect(projects).toEqual({
        projects: { nodes: [{ name: 'kept' }] },
        tasks: { totalCount: 0 },
      });
      const tag = ok(
        await a.gql('query($id: ID!) { tag(id: $id) { tasks { totalCount } } }', { id: mine.id }),
      );
      expect(tag.tag.tasks.totalCount).toBe(0);
    });

    it('should keep earlier updates when a later one in the document is refused', async () => {
      const a = await server.user();
      const task = await createTask(a, { title: 'before' });
      const res = await a.gql(
        `mutation($id: ID!) {
          first: updateTask(id: $id, input: { title: "after" }) { id }
          second: updateTask(id: $id, input: { title: "", completed: true }) { id }
        }`,
        { id: task.id },
      );
      expectBadInput(res, 'title');
      expect(await readTask(a, task.id)).toMatchObject({ title: 'after', completed: false });
    });
  });
});
