import { TEST_TARGETS } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

describe.each(TEST_TARGETS)('smoke on $name', (target) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(target, { LOG_LEVEL: 'error' });
  });
  afterAll(() => server?.close());

  it('should run the basic flow', async () => {
    const a = await server.user({ email: 'a@x.io' });
    console.log(JSON.stringify((await a.gql('{ me { id email name createdAt } }')).body));
    const p = await a.gql(
      'mutation { createProject(input: {name: "P1"}) { id name owner { id } } }',
    );
    console.log(JSON.stringify(p.body));
    const tag = await a.gql('mutation { createTag(input: {name: "t1"}) { id name } }');
    console.log(JSON.stringify(tag.body));
    const t = await a.gql(
      'mutation($p: ID, $g: [ID!]) { createTask(input: {title: "T1", projectId: $p, tagIds: $g, dueAt: "2030-01-01T00:00:00Z"}) { id title priority project { name } tags { name } } }',
      { p: p.body.data?.createProject.id, g: [tag.body.data?.createTag.id] },
    );
    console.log(JSON.stringify(t.body));
    const l = await a.gql(
      '{ tasks(first: 5) { totalCount nodes { title project { name tasks { totalCount nodes { id } } } tags { name tasks { totalCount nodes { title } } } } pageInfo { hasNextPage endCursor } } projects { totalCount nodes { name tasks(first: 2) { nodes { title } } } } me { tasks { totalCount } tags { name } } }',
    );
    console.log(JSON.stringify(l.body));
    const u = await a.gql(
      'mutation($id: ID!) { updateTask(id: $id, input: {completed: true, tagIds: []}) { completed tags { id } updatedAt } }',
      { id: t.body.data?.createTask.id },
    );
    console.log(JSON.stringify(u.body));
    const b = await server.user();
    console.log(
      JSON.stringify(
        (
          await b.gql('query($id: ID!) { task(id: $id) { id } }', {
            id: t.body.data?.createTask.id,
          })
        ).body,
      ),
    );
    console.log(
      JSON.stringify(
        (
          await b.gql('mutation($id: ID!) { deleteTask(id: $id) }', {
            id: t.body.data?.createTask.id,
          })
        ).body,
      ),
    );
    console.log(JSON.stringify(await server.post({ query: '{ me { id } }' }), null, 0));
  });
});
