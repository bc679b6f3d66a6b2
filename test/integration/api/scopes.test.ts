import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import { createProject, createTag, createTask, ok } from '../../support/api';
import type { GraphQLResponse } from '../../support/test-server';

interface Fixture {
  project: string;
  task: string;
  tag: string;
}

type Operation = [name: string, document: string, variables?: (f: Fixture) => object];

const QUERIES: Operation[] = [
  ['me', '{ me { id } }'],
  ['project', 'query($id: ID!) { project(id: $id) { id } }', (f) => ({ id: f.project })],
  ['projects', '{ projects { totalCount } }'],
  ['task', 'query($id: ID!) { task(id: $id) { id } }', (f) => ({ id: f.task })],
  ['tasks', '{ tasks { totalCount } }'],
  ['tag', 'query($id: ID!) { tag(id: $id) { id } }', (f) => ({ id: f.tag })],
  ['tags', '{ tags { id } }'],
  ['node', 'query($id: ID!) { node(id: $id) { id } }', (f) => ({ id: f.project })],
];

// Deletions last, so each operation still finds what it works on.
const MUTATIONS: Operation[] = [
  ['createProject', 'mutation { createProject(input: { name: "new" }) { id } }'],
  [
    'updateProject',
    'mutation($id: ID!) { updateProject(id: $id, input: { name: "renamed" }) { id } }',
    (f) => ({ id: f.project }),
  ],
  ['createTask', 'mutation { createTask(input: { title: "new" }) { id } }'],
  [
    'updateTask',
    'mutation($id: ID!) { updateTask(id: $id, input: { completed: true }) { id } }',
    (f) => ({ id: f.task }),
  ],
  ['createTag', 'mutation { createTag(input: { name: "new" }) { id } }'],
  [
    'updateTag',
    'mutation($id: ID!) { updateTag(id: $id, input: { name: "renamed" }) { id } }',
    (f) => ({ id: f.tag }),
  ],
  ['deleteTask', 'mutation($id: ID!) { deleteTask(id: $id) }', (f) => ({ id: f.task })],
  ['deleteTag', 'mutation($id: ID!) { deleteTag(id: $id) }', (f) => ({ id: f.tag })],
  ['deleteProject', 'mutation($id: ID!) { deleteProject(id: $id) }', (f) => ({ id: f.project })],
];

const SECRET = 'secret-task-title';

const STATE = `{
  projects { nodes { id name updatedAt } }
  tasks { nodes { id title completed updatedAt } }
  tags { id name }
}`;

describe.each(TEST_TARGETS)('scopes on $name', (target) => {
  const server = useTestServer(target);

  /** A user with a project, a task in it and a tag on it, made with a full-access token. */
  const setUp = async (): Promise<{ full: TestUser; fixture: Fixture }> => {
    const full = await server.user();
    const project = await createProject(full);
    const tag = await createTag(full);
    const task = await createTask(full, {
      title: SECRET,
      projectId: project.id,
      tagIds: [tag.id],
    });
    return { full, fixture: { project: project.id, task: task.id, tag: tag.id } };
  };

  const scoped = (user: TestUser, scope: string) => server.user({ sub: user.id, scope });

  const run = (user: TestUser, [, document, variables]: Operation, fixture: Fixture) =>
    user.gql(document, variables?.(fixture) as Record<string, unknown>);

  const expectForbidden = (res: GraphQLResponse, name: string, missing: string) => {
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      {
        message: `Missing scope: ${missing}`,
        locations: expect.any(Array),
        path: [name],
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
    expect(res.body.data?.[name] ?? null).toBeNull();
  };

  it('should let a tasks:read token query but refuse every data mutation with FORBIDDEN', async () => {
    const { full, fixture } = await setUp();
    const reader = await scoped(full, 'tasks:read');
    for (const query of QUERIES) {
      const data = ok(await run(reader, query, fixture));
      expect(data[query[0]]).not.toBeNull();
    }
    const before = ok(await full.gql(STATE));
    for (const mutation of MUTATIONS) {
      expectForbidden(await run(reader, mutation, fixture), mutation[0], 'tasks:write');
    }
    expect(ok(await full.gql(STATE))).toEqual(before);
  });

  it('should let a tasks:write token mutate but refuse every root query with FORBIDDEN', async () => {
    const { full, fixture } = await setUp();
    const writer = await scoped(full, 'tasks:write');
    for (const query of QUERIES) {
      expectForbidden(await run(writer, query, fixture), query[0], 'tasks:read');
    }
    for (const mutation of MUTATIONS) ok(await run(writer, mutation, fixture));
    const after = ok(await full.gql(STATE));
    expect(after.projects.nodes.map((p: { name: string }) => p.name)).toEqual(['new']);
    expect(after.tasks.nodes.map((t: { title: string }) => t.title)).toEqual(['new']);
    expect(after.tags.map((t: { name: string }) => t.name)).toEqual(['new']);
  });

  it('should grant nothing to an empty scope, but still let it revoke itself', async () => {
    const { full, fixture } = await setUp();
    const none = await scoped(full, '');
    for (const query of QUERIES) {
      expectForbidden(await run(none, query, fixture), query[0], 'tasks:read');
    }
    const before = ok(await full.gql(STATE));
    for (const mutation of MUTATIONS) {
      expectForbidden(await run(none, mutation, fixture), mutation[0], 'tasks:write');
    }
    expect(ok(await full.gql(STATE))).toEqual(before);
    expect(ok(await none.gql('mutation { revokeCurrentToken }'))).toEqual({
      revokeCurrentToken: true,
    });
    expect((await none.gql('mutation { revokeCurrentToken }')).status).toBe(401);
    expect(ok(await full.gql('{ me { id } }'))).toEqual({ me: { id: full.id } });
  });

  it('should let an empty scope revoke all of its tokens', async () => {
    const { full } = await setUp();
    const none = await scoped(full, '');
    expect(ok(await none.gql('mutation { revokeAllTokens }'))).toEqual({ revokeAllTokens: true });
    expect((await full.gql('{ me { id } }')).status).toBe(401);
  });

  it('should give a token without a scope claim every query and mutation', async () => {
    const { full, fixture } = await setUp();
    for (const query of QUERIES)
      expect(ok(await run(full, query, fixture))[query[0]]).not.toBeNull();
    for (const mutation of MUTATIONS) ok(await run(full, mutation, fixture));
  });

  it.each([
    'tasks:read tasks:write',
    ' tasks:write   tasks:read ',
    'openid tasks:read tasks:write',
  ])('should give scope %j both reads and writes', async (scope) => {
    const { full, fixture } = await setUp();
    const both = await scoped(full, scope);
    for (const query of QUERIES) ok(await run(both, query, fixture));
    for (const mutation of MUTATIONS) ok(await run(both, mutation, fixture));
  });

  it.each(['admin', 'TASKS:READ', 'tasks:read,tasks:write', 'tasks:*', 'tasks'])(
    'should grant nothing to scope %j',
    async (scope) => {
      const { full, fixture } = await setUp();
      const other = await scoped(full, scope);
      expectForbidden(await run(other, QUERIES[0]!, fixture), 'me', 'tasks:read');
      expectForbidden(await run(other, MUTATIONS[0]!, fixture), 'createProject', 'tasks:write');
    },
  );

  it("should refuse a tasks:write token a mutation's answer beyond id, writing nothing", async () => {
    const { full, fixture } = await setUp();
    const writer = await scoped(full, 'tasks:write');
    const before = ok(await full.gql(STATE));
    const attempts: [string, string, Record<string, unknown>][] = [
      [
        'updateTask',
        'mutation($id: ID!) { updateTask(id: $id, input: {}) { title description project { name } tags { name } } }',
        { id: fixture.task },
      ],
      [
        'updateTask',
        'mutation($id: ID!) { updateTask(id: $id, input: { title: "changed" }) { id title } }',
        { id: fixture.task },
      ],
      [
        'updateTask',
        'mutation($id: ID!) { updateTask(id: $id, input: { completed: true }) { id ...T } } fragment T on Task { completed }',
        { id: fixture.task },
      ],
      [
        'updateProject',
        'mutation($id: ID!) { updateProject(id: $id, input: { name: "renamed" }) { ... on Project { name } } }',
        { id: fixture.project },
      ],
      ['createTask', 'mutation { createTask(input: { title: "probe" }) { id createdAt } }', {}],
      ['createTag', 'mutation { createTag(input: { name: "probe" }) { name } }', {}],
      [
        'createProject',
        'mutation { createProject(input: { name: "probe" }) { owner { id } } }',
        {},
      ],
    ];
    for (const [name, document, variables] of attempts) {
      const res = await writer.gql(document, variables);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expectForbidden(res, name, 'tasks:read');
    }
    expect(ok(await full.gql(STATE))).toEqual(before);
  });

  it('should give a tasks:write token the id and __typename of what it wrote, and skipped fields', async () => {
    const { full, fixture } = await setUp();
    const writer = await scoped(full, 'tasks:write');
    const res = await writer.gql(
      `mutation($id: ID!, $more: Boolean!) {
        updateTask(id: $id, input: { completed: true }) {
          id __typename title @include(if: $more) ...T @skip(if: true)
        }
      } fragment T on Task { description }`,
      { id: fixture.task, more: false },
    );
    expect(ok(res)).toEqual({ updateTask: { id: fixture.task, __typename: 'Task' } });
    const both = await scoped(full, 'tasks:write tasks:read');
    const full_ = await both.gql(
      'mutation($id: ID!) { updateTask(id: $id, input: {}) { title tags { id } } }',
      { id: fixture.task },
    );
    expect(ok(full_).updateTask).toEqual({ title: SECRET, tags: [{ id: fixture.tag }] });
  });

  it("should not let a tasks:write token read lists through a mutation's answer", async () => {
    const { full, fixture } = await setUp();
    const writer = await scoped(full, 'tasks:write');
    const attempts: [string, Record<string, unknown>, (string | number)[]][] = [
      [
        'mutation { createTag(input: { name: "probe" }) { owner { tasks { nodes { title } } } } }',
        {},
        ['createTag'],
      ],
      [
        'mutation { createTag(input: { name: "probe 2" }) { owner { projects { nodes { name } } } } }',
        {},
        ['createTag'],
      ],
      [
        'mutation { createTag(input: { name: "probe 3" }) { owner { tags { name } } } }',
        {},
        ['createTag'],
      ],
      [
        'mutation($id: ID!) { updateProject(id: $id, input: {}) { tasks { nodes { title } } } }',
        { id: fixture.project },
        ['updateProject'],
      ],
      [
        'mutation($tag: ID!) { createTask(input: { title: "probe", tagIds: [$tag] }) { tags { tasks { nodes { title } } } } }',
        { tag: fixture.tag },
        ['createTask'],
      ],
    ];
    for (const [document, variables, path] of attempts) {
      const res = await writer.gql(document, variables);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          message: 'Missing scope: tasks:read',
          path,
          extensions: { code: 'FORBIDDEN' },
        }),
      ]);
    }
  });
});
