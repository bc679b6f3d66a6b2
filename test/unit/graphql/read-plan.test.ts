import { parse, getOperationAST, type GraphQLSchema } from 'graphql';
import { compileReadPlan } from '../../../src/graphql/compiled/read-plan';
import { buildAppSchema } from '../../../src/graphql/schema/build-schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

function plan(text: string) {
  const document = parse(text);
  return compileReadPlan(schema, document, getOperationAST(document)!);
}

describe('compileReadPlan', () => {
  it('should plan the bench list with keys in first-seen order and the root scope', () => {
    const p = plan(
      'query { tasks(first: 20) { nodes { title ...F project { name } } } } fragment F on Task { tags { name } title }',
    );
    expect(p?.scopes).toEqual(['tasks:read']);
    const [root] = p!.roots;
    expect(root).toMatchObject({ key: 'tasks', field: 'tasks' });
    expect(root && 'connection' in root && root.connection).toEqual([
      {
        key: 'nodes',
        field: 'nodes',
        nodes: [
          { key: 'title', field: 'title' },
          { key: 'tags', field: 'tags', tags: [{ key: 'name', field: 'name' }] },
          { key: 'project', field: 'project', project: [{ key: 'name', field: 'name' }] },
        ],
      },
    ]);
  });

  it('should skip fragments on another type and apply those on an interface the type implements', () => {
    const p = plan('{ task(id: "x") { ... on Project { name } ... on Node { id } } }');
    const [root] = p!.roots;
    expect(root && 'task' in root && root.task).toEqual([{ key: 'id', field: 'id' }]);
  });

  it.each([
    ['a directive', '{ tasks @include(if: true) { totalCount } }'],
    ['a field outside the subset', '{ tasks { nodes { owner { id } } } }'],
    ['a root field outside the subset', '{ me { id } }'],
    ['introspection', '{ __schema { queryType { name } } }'],
    ['a mutation', 'mutation { deleteTask(id: "x") }'],
  ])('should leave %s to graphql-js', (_label, text) => {
    expect(plan(text)).toBeUndefined();
  });
});
