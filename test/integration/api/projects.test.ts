import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';
import {
  NOT_FOUND,
  PROJECT_FIELDS,
  counts,
  createProject,
  createTask,
  expectSameAnswer,
  ok,
  readProject,
  readTask,
} from '../../support/api';

const UPDATE = `mutation($id: ID!, $input: UpdateProjectInput!) {
  updateProject(id: $id, input: $input) { ${PROJECT_FIELDS} }
}`;
const DELETE = 'mutation($id: ID!) { deleteProject(id: $id) }';

describe.each(TEST_TARGETS)('projects on $name', (target) => {
  const server = useTestServer(target);

  const notFoundAt = (field: string) => ({
    status: 200,
    body: { data: null, errors: [{ ...NOT_FOUND, locations: expect.any(Array), path: [field] }] },
  });

  describe('createProject', () => {
    it('should create a project owned by the caller, trimming the name', async () => {
      const a = await server.user({ email: 'a@example.com', name: 'Ann' });
      const res = await a.gql(
        `mutation { createProject(input: { name: "  Home  ", description: "chores" }) {
          ${PROJECT_FIELDS} owner { id email name } tasks { totalCount nodes { id } }
        } }`,
      );
      const project = ok(res).createProject;
      expect(project).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Home',
        description: 'chores',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        owner: { id: a.id, email: 'a@example.com', name: 'Ann' },
        tasks: { totalCount: 0, nodes: [] },
      });
      expect(await readProject(a, project.id)).toMatchObject({ id: project.id, name: 'Home' });
    });

    it('should store no description when none is given', async () => {
      const a = await server.user();
      expect((await createProject(a, { name: 'P' })).description).toBeNull();
    });
  });

  describe('project', () => {
    it("should read the caller's project with its owner and tasks", async () => {
      const a = await server.user({ name: 'Ann' });
      const project = await createProject(a, { name: 'P', description: 'd' });
      const task = await createTask(a, { title: 'T', projectId: project.id });
      const res = await a.gql(
        `query($id: ID!) { project(id: $id) {
          id name description owner { id name email } tasks { totalCount nodes { id title } }
        } }`,
        { id: project.id },
      );
      expect(ok(res).project).toEqual({
        id: project.id,
        name: 'P',
        description: 'd',
        owner: { id: a.id, name: 'Ann', email: null },
        tasks: { totalCount: 1, nodes: [{ id: task.id, title: 'T' }] },
      });
    });

    it('should answer null to another user exactly as for a missing or malformed id', async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a);
      const answer = await expectSameAnswer(
        b,
        'query($id: ID!) { project(id: $id) { id name } }',
        (id) => ({ id }),
        project.id,
      );
      expect(answer).toEqual({ status: 200, body: { data: { project: null } } });
    });
  });

  describe('projects', () => {
    it("should list only the caller's projects, oldest first, with their count", async () => {
      const a = await server.user();
      const b = await server.user();
      const p1 = await createProject(a, { name: 'one' });
      const p2 = await createProject(a, { name: 'two' });
      await createProject(b, { name: 'theirs' });
      const res = await a.gql(
        '{ projects { totalCount nodes { id name owner { id } } pageInfo { hasNextPage } } }',
      );
      expect(ok(res).projects).toEqual({
        totalCount: 2,
        nodes: [
          { id: p1.id, name: 'one', owner: { id: a.id } },
          { id: p2.id, name: 'two', owner: { id: a.id } },
        ],
        pageInfo: { hasNextPage: false },
      });
    });

    it("should show another user nothing of the caller's projects", async () => {
      const a = await server.user();
      const b = await server.user();
      await createProject(a);
      const res = await b.gql(
        `{ projects { totalCount nodes { id } edges { cursor } pageInfo { hasNextPage endCursor } }
           me { projects { totalCount nodes { id } } } }`,
      );
      expect(ok(res)).toEqual({
        projects: {
          totalCount: 0,
          nodes: [],
          edges: [],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
        me: { projects: { totalCount: 0, nodes: [] } },
      });
    });
  });

  describe('updateProject', () => {
    it('should change only the given fields and move updatedAt', async () => {
      const a = await server.user();
      const project = await createProject(a, { name: 'old', description: 'keep' });
      const renamed = ok(await a.gql(UPDATE, { id: project.id, input: { name: ' new ' } }));
      expect(renamed.updateProject).toEqual({
        ...project,
        name: 'new',
        updatedAt: expect.any(String),
      });
      expect(Date.parse(renamed.updateProject.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(project.updatedAt),
      );
      const redescribed = ok(await a.gql(UPDATE, { id: project.id, input: { description: 'x' } }));
      expect(redescribed.updateProject).toMatchObject({ name: 'new', description: 'x' });
    });

    it('should clear the description with null and keep it when omitted', async () => {
      const a = await server.user();
      const project = await createProject(a, { name: 'p', description: 'd' });
      ok(await a.gql(UPDATE, { id: project.id, input: {} }));
      expect((await readProject(a, project.id)).description).toBe('d');
      ok(await a.gql(UPDATE, { id: project.id, input: { description: null } }));
      expect(await readProject(a, project.id)).toMatchObject({ name: 'p', description: null });
    });

    it("should answer NOT_FOUND to another user and leave the owner's project as it was", async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a, { name: 'mine', description: 'd' });
      const before = await readProject(a, project.id);
      const answer = await expectSameAnswer(
        b,
        UPDATE,
        (id) => ({ id, input: { name: 'stolen', description: null } }),
        project.id,
      );
      expect(answer).toEqual(notFoundAt('updateProject'));
      expect(await readProject(a, project.id)).toEqual(before);
    });
  });

  describe('deleteProject', () => {
    it('should delete the project with its tasks and answer its id', async () => {
      const a = await server.user();
      const project = await createProject(a);
      const other = await createProject(a, { name: 'other' });
      const inside = await createTask(a, { title: 'inside', projectId: project.id });
      const elsewhere = await createTask(a, { title: 'elsewhere', projectId: other.id });
      const loose = await createTask(a, { title: 'loose' });
      expect(ok(await a.gql(DELETE, { id: project.id }))).toEqual({ deleteProject: project.id });
      expect(await readProject(a, project.id)).toBeNull();
      expect(await readTask(a, inside.id)).toBeNull();
      expect(await readTask(a, elsewhere.id)).not.toBeNull();
      expect(await readTask(a, loose.id)).not.toBeNull();
      expect(await counts(a)).toEqual({ tasks: 2, projects: 1, tags: 0 });
    });

    it('should answer NOT_FOUND when the project is already gone', async () => {
      const a = await server.user();
      const project = await createProject(a);
      ok(await a.gql(DELETE, { id: project.id }));
      expect(await a.gql(DELETE, { id: project.id })).toEqual(
        expect.objectContaining(notFoundAt('deleteProject')),
      );
    });

    it("should answer NOT_FOUND to another user and keep the owner's project and tasks", async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a);
      const task = await createTask(a, { projectId: project.id });
      const before = await readProject(a, project.id);
      const answer = await expectSameAnswer(b, DELETE, (id) => ({ id }), project.id);
      expect(answer).toEqual(notFoundAt('deleteProject'));
      expect(await readProject(a, project.id)).toEqual(before);
      expect(await readTask(a, task.id)).toEqual(task);
    });
  });

  describe('Project.tasks', () => {
    it("should list only the project's tasks, filtered, with a filtered count", async () => {
      const a = await server.user();
      const project = await createProject(a);
      const done = await createTask(a, { title: 'done', projectId: project.id });
      const open = await createTask(a, { title: 'open', projectId: project.id });
      await createTask(a, { title: 'outside' });
      ok(
        await a.gql(
          'mutation($id: ID!) { updateTask(id: $id, input: { completed: true }) { id } }',
          {
            id: done.id,
          },
        ),
      );
      const res = await a.gql(
        `query($id: ID!) { project(id: $id) {
          all: tasks { totalCount nodes { id } }
          open: tasks(filter: { completed: false }) { totalCount nodes { id } }
        } }`,
        { id: project.id },
      );
      expect(ok(res).project).toEqual({
        all: { totalCount: 2, nodes: [{ id: done.id }, { id: open.id }] },
        open: { totalCount: 1, nodes: [{ id: open.id }] },
      });
    });
  });
});
