import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import {
  NOT_FOUND,
  counts,
  createTag,
  createTask,
  expectBadInput,
  expectSameAnswer,
  ok,
  readTask,
} from '../../support/api';

const CREATE = 'mutation($name: String!) { createTag(input: { name: $name }) { id name } }';
const DELETE = 'mutation($id: ID!) { deleteTag(id: $id) }';
const READ = `query($id: ID!) { tag(id: $id) {
  id name owner { id } tasks { totalCount nodes { id } }
} }`;

describe.each(TEST_TARGETS)('tags on $name', (target) => {
  const server = useTestServer(target);

  const readTag = async (user: TestUser, id: string) => ok(await user.gql(READ, { id })).tag;
  const notFoundAt = (field: string) => ({
    status: 200,
    body: { data: null, errors: [{ ...NOT_FOUND, locations: expect.any(Array), path: [field] }] },
  });

  describe('createTag', () => {
    it('should create a tag owned by the caller, trimming the name', async () => {
      const a = await server.user({ name: 'Ann' });
      const res = await a.gql(
        'mutation { createTag(input: { name: "  urgent " }) { id name owner { id name } tasks { totalCount nodes { id } } } }',
      );
      expect(ok(res).createTag).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'urgent',
        owner: { id: a.id, name: 'Ann' },
        tasks: { totalCount: 0, nodes: [] },
      });
    });

    it("should answer BAD_USER_INPUT to a duplicate of the caller's own tag name", async () => {
      const a = await server.user();
      await createTag(a, 'home');
      expectBadInput(await a.gql(CREATE, { name: 'home' }), 'name');
      expectBadInput(await a.gql(CREATE, { name: ' home ' }), 'name');
      expect(ok(await a.gql('{ tags { name } }')).tags).toEqual([{ name: 'home' }]);
    });

    it('should answer exactly one of several concurrent duplicates, the rest BAD_USER_INPUT', async () => {
      const a = await server.user();
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => a.gql(CREATE, { name: 'race' })),
      );
      const created = answers.filter((res) => res.body.errors === undefined);
      expect(created).toHaveLength(1);
      for (const res of answers.filter((r) => r.body.errors !== undefined)) {
        expectBadInput(res, 'name');
      }
      expect(ok(await a.gql('{ tags { name } }')).tags).toEqual([{ name: 'race' }]);
    });

    it("should accept another user's tag name: names are unique per user", async () => {
      const a = await server.user();
      const b = await server.user();
      const theirs = await createTag(a, 'shared');
      const mine = ok(await b.gql(CREATE, { name: 'shared' })).createTag;
      expect(mine).toEqual({ id: expect.any(String), name: 'shared' });
      expect(mine.id).not.toBe(theirs.id);
      expect(ok(await a.gql('{ tags { id name } }')).tags).toEqual([theirs]);
      expect(ok(await b.gql('{ tags { id name } }')).tags).toEqual([mine]);
      expectBadInput(await a.gql(CREATE, { name: 'shared' }), 'name');
    });
  });

  describe('tag', () => {
    it("should read the caller's tag with its owner and tasks", async () => {
      const a = await server.user();
      const tag = await createTag(a, 'red');
      const t1 = await createTask(a, { title: 'one', tagIds: [tag.id] });
      await createTask(a, { title: 'untagged' });
      const t2 = await createTask(a, { title: 'two', tagIds: [tag.id] });
      expect(await readTag(a, tag.id)).toEqual({
        id: tag.id,
        name: 'red',
        owner: { id: a.id },
        tasks: { totalCount: 2, nodes: [{ id: t1.id }, { id: t2.id }] },
      });
    });

    it('should answer null to another user exactly as for a missing or malformed id', async () => {
      const a = await server.user();
      const b = await server.user();
      const tag = await createTag(a);
      const answer = await expectSameAnswer(b, READ, (id) => ({ id }), tag.id);
      expect(answer).toEqual({ status: 200, body: { data: { tag: null } } });
    });
  });

  describe('tags', () => {
    it("should list only the caller's tags by name", async () => {
      const a = await server.user();
      const b = await server.user();
      const [z, m, c] = [await createTag(a, 'z'), await createTag(a, 'm'), await createTag(a, 'c')];
      await createTag(b, 'b');
      const res = await a.gql('{ tags { id name owner { id } } me { tags { id } } }');
      expect(ok(res)).toEqual({
        tags: [c, m, z].map((tag) => ({ ...tag, owner: { id: a.id } })),
        me: { tags: [{ id: c.id }, { id: m.id }, { id: z.id }] },
      });
    });

    it("should show another user none of the caller's tags", async () => {
      const a = await server.user();
      const b = await server.user();
      const tag = await createTag(a);
      await createTask(a, { tagIds: [tag.id] });
      const res = await b.gql('{ tags { id } me { tags { id } } }');
      expect(ok(res)).toEqual({ tags: [], me: { tags: [] } });
    });
  });

  describe('deleteTag', () => {
    it('should remove the tag from its tasks, keep the tasks and answer its id', async () => {
      const a = await server.user();
      const gone = await createTag(a, 'gone');
      const kept = await createTag(a, 'kept');
      const task = await createTask(a, { tagIds: [gone.id, kept.id] });
      expect(ok(await a.gql(DELETE, { id: gone.id }))).toEqual({ deleteTag: gone.id });
      expect(await readTag(a, gone.id)).toBeNull();
      expect(await readTask(a, task.id)).toEqual({ ...task, tags: [kept] });
      expect(await counts(a)).toEqual({ tasks: 1, projects: 0, tags: 1 });
      const filtered = await a.gql(
        'query($g: ID!) { tasks(filter: { tagId: $g }) { totalCount } }',
        {
          g: gone.id,
        },
      );
      expect(ok(filtered).tasks).toEqual({ totalCount: 0 });
      expect(await a.gql(DELETE, { id: gone.id })).toMatchObject(notFoundAt('deleteTag'));
    });

    it('should let the name be used again once the tag is deleted', async () => {
      const a = await server.user();
      const tag = await createTag(a, 'again');
      ok(await a.gql(DELETE, { id: tag.id }));
      expect(ok(await a.gql(CREATE, { name: 'again' })).createTag.name).toBe('again');
    });

    it("should answer NOT_FOUND to another user and keep the owner's tag on its tasks", async () => {
      const a = await server.user();
      const b = await server.user();
      const tag = await createTag(a);
      const task = await createTask(a, { tagIds: [tag.id] });
      const before = await readTag(a, tag.id);
      const answer = await expectSameAnswer(b, DELETE, (id) => ({ id }), tag.id);
      expect(answer).toEqual(notFoundAt('deleteTag'));
      expect(await readTag(a, tag.id)).toEqual(before);
      expect(await readTask(a, task.id)).toEqual(task);
    });
  });
});
