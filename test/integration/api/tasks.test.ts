import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';
import {
  NOT_FOUND,
  TASK_FIELDS,
  counts,
  createProject,
  createTag,
  createTask,
  expectSameAnswer,
  ok,
  readProject,
  readTask,
} from '../../support/api';

const CREATE = `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${TASK_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateTaskInput!) {
  updateTask(id: $id, input: $input) { ${TASK_FIELDS} }
}`;
const DELETE = 'mutation($id: ID!) { deleteTask(id: $id) }';

describe.each(TEST_TARGETS)('tasks on $name', (target) => {
  const server = useTestServer(target);

  const notFoundAt = (field: string) => ({
    status: 200,
    body: { data: null, errors: [{ ...NOT_FOUND, locations: expect.any(Array), path: [field] }] },
  });

  describe('createTask', () => {
    it('should create a task with the contract defaults', async () => {
      const a = await server.user();
      const res = await a.gql(
        'mutation { createTask(input: { title: " Buy milk " }) { title description completed priority dueAt project { id } tags { id } owner { id } createdAt updatedAt } }',
      );
      expect(ok(res).createTask).toEqual({
        title: 'Buy milk',
        description: null,
        completed: false,
        priority: 'MEDIUM',
        dueAt: null,
        project: null,
        tags: [],
        owner: { id: a.id },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('should create a task in a project with tags, a due date and a priority', async () => {
      const a = await server.user({ email: 'a@example.com' });
      const project = await createProject(a, { name: 'Home' });
      const zeta = await createTag(a, 'zeta');
      const alpha = await createTag(a, 'alpha');
      const res = await a.gql(
        `mutation($input: CreateTaskInput!) { createTask(input: $input) {
          id title description priority dueAt
          project { id name owner { id } }
          tags { id name owner { id email } }
          owner { id email }
        } }`,
        {
          input: {
            title: 'Paint',
            description: 'the fence',
            priority: 'URGENT',
            dueAt: '2030-05-01T10:00:00.000Z',
            projectId: project.id,
            // The same tag twice (once upper-cased) is one link.
            tagIds: [zeta.id, alpha.id, zeta.id.toUpperCase()],
          },
        },
      );
      const task = ok(res).createTask;
      expect(task).toEqual({
        id: expect.any(String),
        title: 'Paint',
        description: 'the fence',
        priority: 'URGENT',
        dueAt: '2030-05-01T10:00:00.000Z',
        project: { id: project.id, name: 'Home', owner: { id: a.id } },
        tags: [
          { id: alpha.id, name: 'alpha', owner: { id: a.id, email: 'a@example.com' } },
          { id: zeta.id, name: 'zeta', owner: { id: a.id, email: 'a@example.com' } },
        ],
        owner: { id: a.id, email: 'a@example.com' },
      });
      expect(await readTask(a, task.id)).toMatchObject({
        project: { id: project.id },
        tags: [{ id: alpha.id }, { id: zeta.id }],
      });
    });

    it("should refuse another user's project with NOT_FOUND and write nothing", async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a);
      const before = { a: await readProject(a, project.id), b: await counts(b) };
      const answer = await expectSameAnswer(
        b,
        CREATE,
        (projectId) => ({ input: { title: 'sneaky', projectId } }),
        project.id,
      );
      expect(answer).toEqual(notFoundAt('createTask'));
      expect(await counts(b)).toEqual(before.b);
      expect(await readProject(a, project.id)).toEqual(before.a);
    });

    it("should refuse another user's tag with NOT_FOUND and write nothing", async () => {
      const a = await server.user();
      const b = await server.user();
      const theirs = await createTag(a);
      const mine = await createTag(b);
      const tagTasks = '{ tags { id tasks { totalCount } } }';
      const before = { a: ok(await a.gql(tagTasks)), b: await counts(b) };
      const answer = await expectSameAnswer(
        b,
        CREATE,
        (tagId) => ({ input: { title: 'sneaky', tagIds: [mine.id, tagId] } }),
        theirs.id,
      );
      expect(answer).toEqual(notFoundAt('createTask'));
      expect(await counts(b)).toEqual(before.b);
      expect(ok(await b.gql(tagTasks))).toEqual({
        tags: [{ id: mine.id, tasks: { totalCount: 0 } }],
      });
      expect(ok(await a.gql(tagTasks))).toEqual(before.a);
    });
  });

  describe('task', () => {
    it("should read the caller's task with its project, tags and owner", async () => {
      const a = await server.user({ name: 'Ann' });
      const project = await createProject(a, { name: 'P' });
      const tag = await createTag(a, 'red');
      const task = await createTask(a, { projectId: project.id, tagIds: [tag.id] });
      const res = await a.gql(
        `query($id: ID!) { task(id: $id) {
          id project { id name } tags { id name tasks { nodes { id } } } owner { id name }
        } }`,
        { id: task.id.toUpperCase() },
      );
      expect(ok(res).task).toEqual({
        id: task.id,
        project: { id: project.id, name: 'P' },
        tags: [{ id: tag.id, name: 'red', tasks: { nodes: [{ id: task.id }] } }],
        owner: { id: a.id, name: 'Ann' },
      });
    });

    it('should answer null to another user exactly as for a missing or malformed id', async () => {
      const a = await server.user();
      const b = await server.user();
      const task = await createTask(a);
      const answer = await expectSameAnswer(
        b,
        'query($id: ID!) { task(id: $id) { id title } }',
        (id) => ({ id }),
        task.id,
      );
      expect(answer).toEqual({ status: 200, body: { data: { task: null } } });
    });
  });

  describe('tasks', () => {
    it("should list only the caller's tasks with their count", async () => {
      const a = await server.user();
      const b = await server.user();
      const t1 = await createTask(a, { title: 'one' });
      const t2 = await createTask(a, { title: 'two' });
      await createTask(b, { title: 'theirs' });
      const res = await a.gql('{ tasks { totalCount nodes { id owner { id } } } }');
      expect(ok(res).tasks).toEqual({
        totalCount: 2,
        nodes: [
          { id: t1.id, owner: { id: a.id } },
          { id: t2.id, owner: { id: a.id } },
        ],
      });
    });

    it("should show another user nothing of the caller's tasks, even filtered by the caller's project or tag", async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      await createTask(a, { title: 'secret', projectId: project.id, tagIds: [tag.id] });
      const empty = { totalCount: 0, nodes: [] };
      const res = await b.gql(
        `query($p: ID!, $g: ID!) {
          all: tasks { totalCount nodes { id } }
          byProject: tasks(filter: { projectId: $p }) { totalCount nodes { id } }
          byTag: tasks(filter: { tagId: $g }) { totalCount nodes { id } }
          bySearch: tasks(filter: { search: "secret" }) { totalCount nodes { id } }
          me { tasks(filter: { projectId: $p, tagId: $g }) { totalCount nodes { id } } }
        }`,
        { p: project.id, g: tag.id },
      );
      expect(ok(res)).toEqual({
        all: empty,
        byProject: empty,
        byTag: empty,
        bySearch: empty,
        me: { tasks: empty },
      });
    });
  });

  describe('updateTask', () => {
    it('should change the given fields, replace the tags and move updatedAt', async () => {
      const a = await server.user();
      const project = await createProject(a);
      const [red, blue] = [await createTag(a, 'red'), await createTag(a, 'blue')];
      const task = await createTask(a, { title: 'old', tagIds: [red.id] });
      const res = await a.gql(UPDATE, {
        id: task.id,
        input: {
          title: 'new',
          description: 'desc',
          completed: true,
          priority: 'LOW',
          dueAt: '2031-01-02T03:04:05.678Z',
          projectId: project.id,
          tagIds: [blue.id],
        },
      });
      const updated = ok(res).updateTask;
      expect(updated).toEqual({
        ...task,
        title: 'new',
        description: 'desc',
        completed: true,
        priority: 'LOW',
        dueAt: '2031-01-02T03:04:05.678Z',
        project: { id: project.id },
        tags: [{ id: blue.id, name: 'blue' }],
        updatedAt: expect.any(String),
      });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.updatedAt));
      expect(await readTask(a, task.id)).toEqual(updated);
    });

    it("should answer NOT_FOUND to another user and leave the owner's task as it was", async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a);
      const task = await createTask(a, { projectId: project.id, description: 'd' });
      const mine = await createProject(b);
      const answer = await expectSameAnswer(
        b,
        UPDATE,
        // Also an attempt to move the task into one of the other user's projects.
        (id) => ({ id, input: { title: 'stolen', completed: true, projectId: mine.id } }),
        task.id,
      );
      expect(answer).toEqual(notFoundAt('updateTask'));
      expect(await readTask(a, task.id)).toEqual(task);
    });

    it("should refuse to move the caller's task into another user's project", async () => {
      const a = await server.user();
      const b = await server.user();
      const theirs = await createProject(a);
      const mine = await createProject(b);
      const task = await createTask(b, { title: 'mine', projectId: mine.id });
      const answer = await expectSameAnswer(
        b,
        UPDATE,
        (projectId) => ({ id: task.id, input: { title: 'changed', projectId } }),
        theirs.id,
      );
      expect(answer).toEqual(notFoundAt('updateTask'));
      expect(await readTask(b, task.id)).toEqual(task);
      expect((await readProject(a, theirs.id)).tasks).toEqual({ totalCount: 0, nodes: [] });
    });

    it("should refuse to tag the caller's task with another user's tag", async () => {
      const a = await server.user();
      const b = await server.user();
      const theirs = await createTag(a);
      const mine = await createTag(b);
      const task = await createTask(b, { tagIds: [mine.id] });
      const answer = await expectSameAnswer(
        b,
        UPDATE,
        (tagId) => ({ id: task.id, input: { title: 'changed', tagIds: [tagId] } }),
        theirs.id,
      );
      expect(answer).toEqual(notFoundAt('updateTask'));
      expect(await readTask(b, task.id)).toEqual(task);
      const res = await a.gql('query($id: ID!) { tag(id: $id) { tasks { totalCount } } }', {
        id: theirs.id,
      });
      expect(ok(res).tag).toEqual({ tasks: { totalCount: 0 } });
    });
  });

  describe('deleteTask', () => {
    it('should delete the task, answer its id and keep its project and tags', async () => {
      const a = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      const task = await createTask(a, { projectId: project.id, tagIds: [tag.id] });
      expect(ok(await a.gql(DELETE, { id: task.id }))).toEqual({ deleteTask: task.id });
      expect(await readTask(a, task.id)).toBeNull();
      expect(await counts(a)).toEqual({ tasks: 0, projects: 1, tags: 1 });
      expect(await a.gql(DELETE, { id: task.id })).toMatchObject(notFoundAt('deleteTask'));
    });

    it("should answer NOT_FOUND to another user and keep the owner's task", async () => {
      const a = await server.user();
      const b = await server.user();
      const task = await createTask(a);
      const answer = await expectSameAnswer(b, DELETE, (id) => ({ id }), task.id);
      expect(answer).toEqual(notFoundAt('deleteTask'));
      expect(await readTask(a, task.id)).toEqual(task);
      expect((await counts(a)).tasks).toBe(1);
    });
  });
});
