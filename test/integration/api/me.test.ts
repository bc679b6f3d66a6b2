import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';
import { createProject, createTag, createTask, ok } from '../../support/api';

const ME = '{ me { id email name createdAt } }';

describe.each(TEST_TARGETS)('me on $name', (target) => {
  const server = useTestServer(target);

  describe('me', () => {
    it("should answer the token's sub, email and name", async () => {
      const a = await server.user({ email: 'ann@example.com', name: 'Ann Example' });
      const me = ok(await a.gql(ME)).me;
      expect(me).toEqual({
        id: a.id,
        email: 'ann@example.com',
        name: 'Ann Example',
        createdAt: expect.any(String),
      });
      expect(Number.isNaN(Date.parse(me.createdAt))).toBe(false);
    });

    it('should answer null email and name when the token has no such claims', async () => {
      const a = await server.user();
      expect(ok(await a.gql(ME)).me).toEqual({
        id: a.id,
        email: null,
        name: null,
        createdAt: expect.any(String),
      });
    });

    it("should follow each token's claims while the user stays the same", async () => {
      const first = await server.user({ email: 'old@example.com', name: 'Old' });
      const before = ok(await first.gql(ME)).me;
      const second = await server.user({ sub: first.id, email: 'new@example.com' });
      expect(ok(await second.gql(ME)).me).toEqual({
        ...before,
        email: 'new@example.com',
        name: null,
      });
      expect(ok(await first.gql(ME)).me).toEqual(before);
    });

    it("should create the user's row on a first write and bring its claims up to a later token's", async () => {
      const stored = async (id: string) =>
        (await server.app.database.dataSource.query(
          'SELECT email, name, created_at FROM users WHERE id = $1',
          [id],
        )) as { email: string | null; name: string | null; created_at: Date }[];
      const first = await server.user({ email: 'first@example.com', name: 'First' });
      await createTask(first, { title: 'first write' });
      const [created] = await stored(first.id);
      expect(created).toMatchObject({ email: 'first@example.com', name: 'First' });
      const renamed = await server.user({
        sub: first.id,
        email: 'again@example.com',
        name: 'Again',
      });
      await createTask(renamed, { title: 'second write' });
      expect(await stored(first.id)).toEqual([
        { email: 'again@example.com', name: 'Again', created_at: created!.created_at },
      ]);
      expect(ok(await renamed.gql('{ me { tasks { totalCount } } }')).me.tasks.totalCount).toBe(2);
    });

    it('should keep two users with similar subs apart', async () => {
      const a = await server.user({ sub: 'Same-User' });
      const b = await server.user({ sub: 'same-user' });
      await createTask(a, { title: 'upper' });
      expect(ok(await a.gql('{ me { id tasks { totalCount } } }')).me).toEqual({
        id: 'Same-User',
        tasks: { totalCount: 1 },
      });
      expect(ok(await b.gql('{ me { id tasks { totalCount } } }')).me).toEqual({
        id: 'same-user',
        tasks: { totalCount: 0 },
      });
    });
  });

  describe('User fields', () => {
    it("should list the caller's projects, tasks and tags under me", async () => {
      const a = await server.user();
      const project = await createProject(a, { name: 'P' });
      const tag = await createTag(a, 'red');
      const t1 = await createTask(a, { title: 'one', projectId: project.id, tagIds: [tag.id] });
      const t2 = await createTask(a, { title: 'two', priority: 'HIGH' });
      const res = await a.gql(`{ me {
        projects { totalCount nodes { id name owner { id } } }
        tasks { totalCount nodes { id project { id } tags { id } owner { id } } }
        high: tasks(filter: { priority: HIGH }) { totalCount nodes { id } }
        tags { id name tasks { nodes { id } } }
      } }`);
      expect(ok(res).me).toEqual({
        projects: { totalCount: 1, nodes: [{ id: project.id, name: 'P', owner: { id: a.id } }] },
        tasks: {
          totalCount: 2,
          nodes: [
            { id: t1.id, project: { id: project.id }, tags: [{ id: tag.id }], owner: { id: a.id } },
            { id: t2.id, project: null, tags: [], owner: { id: a.id } },
          ],
        },
        high: { totalCount: 1, nodes: [{ id: t2.id }] },
        tags: [{ id: tag.id, name: 'red', tasks: { nodes: [{ id: t1.id }] } }],
      });
    });

    it("should show another user none of the caller's projects, tasks or tags", async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      await createTask(a, { projectId: project.id, tagIds: [tag.id] });
      const res = await b.gql(
        '{ me { id projects { totalCount nodes { id } } tasks { totalCount nodes { id } } tags { id } } }',
      );
      expect(ok(res).me).toEqual({
        id: b.id,
        projects: { totalCount: 0, nodes: [] },
        tasks: { totalCount: 0, nodes: [] },
        tags: [],
      });
    });
  });
});
