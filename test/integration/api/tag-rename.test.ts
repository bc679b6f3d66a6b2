import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';
import {
  MALFORMED_IDS,
  NOT_FOUND,
  createTag,
  createTask,
  expectBadInput,
  ok,
} from '../../support/api';

const RENAME = `mutation($id: ID!, $name: String!) {
  updateTag(id: $id, input: { name: $name }) { id name }
}`;

describe.each(TEST_TARGETS)('updateTag on $name', (target) => {
  const server = useTestServer(target);

  it('should rename a tag, trimmed, and show the new name on its tasks at once', async () => {
    const user = await server.user();
    const tag = await createTag(user, 'old');
    const task = await createTask(user, { tagIds: [tag.id] });
    const before = ok(
      await user.gql('query($id: ID!) { task(id: $id) { tags { name } } }', { id: task.id }),
    );
    expect(before.task.tags).toEqual([{ name: 'old' }]);
    // The same request reads the tag's tasks and their tags after the rename.
    const renamed = ok(
      await user.gql(
        `mutation($id: ID!, $name: String!) {
          updateTag(id: $id, input: { name: $name }) { id name tasks { nodes { tags { name } } } }
        }`,
        { id: tag.id, name: '  new  ' },
      ),
    );
    expect(renamed.updateTag).toEqual({
      id: tag.id,
      name: 'new',
      tasks: { nodes: [{ tags: [{ name: 'new' }] }] },
    });
    const after = ok(
      await user.gql('query($id: ID!) { task(id: $id) { tags { id name } } }', { id: task.id }),
    );
    expect(after.task.tags).toEqual([{ id: tag.id, name: 'new' }]);
  });

  it("should keep a name unique per user: a duplicate is bad input, its own name and a stranger's are not", async () => {
    const user = await server.user();
    const stranger = await server.user();
    const one = await createTag(user, 'one');
    await createTag(user, 'two');
    await createTag(stranger, 'three');
    expectBadInput(await user.gql(RENAME, { id: one.id, name: 'two' }), 'name');
    expectBadInput(await user.gql(RENAME, { id: one.id, name: '' }), 'name');
    expectBadInput(await user.gql(RENAME, { id: one.id, name: 'x'.repeat(51) }), 'name');
    expect(ok(await user.gql('{ tags { name } }')).tags).toEqual([
      { name: 'one' },
      { name: 'two' },
    ]);
    expect(ok(await user.gql(RENAME, { id: one.id, name: 'one' })).updateTag.name).toBe('one');
    expect(ok(await user.gql(RENAME, { id: one.id, name: 'three' })).updateTag.name).toBe('three');
  });

  it("should answer NOT_FOUND for another user's tag as for a missing one, and change nothing", async () => {
    const user = await server.user();
    const stranger = await server.user();
    const theirs = await createTag(stranger, 'theirs');
    const answers = [];
    for (const id of [theirs.id, '00000000-0000-4000-8000-000000000000', ...MALFORMED_IDS]) {
      const res = await user.gql(RENAME, { id, name: 'mine now' });
      expect(res.body.errors).toHaveLength(1);
      answers.push({
        data: res.body.data,
        error: res.body.errors![0]!.message,
        code: res.body.errors![0]!.extensions?.code,
      });
    }
    for (const answer of answers) {
      expect(answer).toEqual({ data: null, error: NOT_FOUND.message, code: 'NOT_FOUND' });
    }
    expect(ok(await stranger.gql('{ tags { id name } }')).tags).toEqual([
      { id: theirs.id, name: 'theirs' },
    ]);
    expect(ok(await user.gql('{ tags { id } }')).tags).toEqual([]);
  });
});
