import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { taskPrefetchOf, taskRelationsOf } from '../../../src/graphql/task-selection';
import type { TaskPrefetch } from '../../../src/ownership/task-prefetch';

const schema = buildSchema(`
  type Project { name: String }
  type Tag { name: String }
  type Task { title: String project: Project tags: [Tag!]! }
  type TaskEdge { node: Task! cursor: String! }
  type TaskConnection { nodes: [Task!]! edges: [TaskEdge!]! totalCount: Int! }
  type Query { tasks: TaskConnection! task: Task }
`);

/** Runs a document and answers what each root resolver saw in its selection. */
async function seen(document: string): Promise<Record<string, TaskPrefetch>> {
  const found: Record<string, TaskPrefetch> = {};
  await execute({
    schema,
    document: parse(document),
    rootValue: {
      tasks: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        found.tasks = taskPrefetchOf(info);
        return { nodes: [], edges: [], totalCount: 0 };
      },
      task: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
        found.task = taskRelationsOf(info);
        return null;
      },
    },
  });
  return found;
}

describe('taskPrefetchOf', () => {
  it('should find project and tags under nodes', async () => {
    expect(
      (await seen('{ tasks { nodes { title project { name } tags { name } } } }')).tasks,
    ).toEqual({ project: true, tags: true });
  });

  it('should find them under edges { node }, through inline and named fragments', async () => {
    const document = `
      { tasks { edges { node { ...withTags } } ... on TaskConnection { nodes { project { name } } } } }
      fragment withTags on Task { tags { name } }`;
    expect((await seen(document)).tasks).toEqual({ project: true, tags: true });
  });

  it('should ask for nothing when the page wants only its own fields', async () => {
    expect((await seen('{ tasks { totalCount nodes { title } } }')).tasks).toEqual({
      project: false,
      tags: false,
    });
  });

  it('should not take a relation named elsewhere in the document for the page', async () => {
    expect((await seen('{ tasks { nodes { title } } task { project { name } } }')).tasks).toEqual({
      project: false,
      tags: false,
    });
  });
});

describe('taskRelationsOf', () => {
  it("should find the relations in a single task's own selection", async () => {
    expect((await seen('{ task { title tags { name } } }')).task).toEqual({
      project: false,
      tags: true,
    });
  });
});
