import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import { MALFORMED_IDS, createProject, createTag, createTask, ok } from '../../support/api';

const NODE = `query($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Task { title project { id } tags { id } }
    ... on Project { name tasks { totalCount } }
    ... on Tag { name tasks { totalCount } }
  }
}`;

describe.each(TEST_TARGETS)('node on $name', (target) => {
  const server = useTestServer(target);

  async function seed(user: TestUser) {
    const project = await createProject(user, { name: 'node project' });
    const tag = await createTag(user, `node-tag-${user.id}`);
    const task = await createTask(user, {
      title: 'node task',
      projectId: project.id,
      tagIds: [tag.id],
    });
    return { project, tag, task };
  }

  it("should find the caller's own task, project and tag by the ids they answer", async () => {
    const user = await server.user();
    const { project, tag, task } = await seed(user);
    expect(ok(await user.gql(NODE, { id: task.id })).node).toEqual({
      __typename: 'Task',
      id: task.id,
      title: 'node task',
      project: { id: project.id },
      tags: [{ id: tag.id }],
    });
    expect(ok(await user.gql(NODE, { id: project.id })).node).toEqual({
      __typename: 'Project',
      id: project.id,
      name: 'node project',
      tasks: { totalCount: 1 },
    });
    expect(ok(await user.gql(NODE, { id: tag.id.toUpperCase() })).node).toEqual({
      __typename: 'Tag',
      id: tag.id,
      name: tag.name,
      tasks: { totalCount: 1 },
    });
  });

  it("should answer null for another user's rows exactly as for missing and malformed ids", async () => {
    const user = await server.user();
    const stranger = await server.user();
    await seed(user);
    const theirs = await seed(stranger);
    const missing = '00000000-0000-4000-8000-000000000000';
    const answers = [];
    for (const id of [
      theirs.task.id,
      theirs.project.id,
      theirs.tag.id,
      missing,
      ...MALFORMED_IDS,
    ]) {
      const res = await user.gql(NODE, { id });
      answers.push({ status: res.status, body: res.body });
    }
    for (const answer of answers)
      expect(answer).toEqual({ status: 200, body: { data: { node: null } } });
    // Still there for their owner.
    expect(ok(await stranger.gql(NODE, { id: theirs.task.id })).node.id).toBe(theirs.task.id);
  });

  it('should read nothing through node without tasks:read', async () => {
    const user = await server.user();
    const { project } = await seed(user);
    const writer = await server.user({ sub: user.id, scope: 'tasks:write' });
    const res = await writer.gql(NODE, { id: project.id });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.body.data?.node ?? null).toBeNull();
  });
});
