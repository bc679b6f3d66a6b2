import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { endsOperation } from '../../../src/graphql/write-selection';

const schema = buildSchema(`
  type User { id: ID! }
  type TaskConnection { totalCount: Int! }
  type Project { id: ID! name: String! tasks: TaskConnection! owner: User! }
  type Tag { id: ID! name: String! }
  enum Priority { LOW HIGH }
  type Task { id: ID! title: String! priority: Priority! project: Project tags: [Tag!]! owner: User! }
  type Query { task: Task }
  type Mutation { createTask: Task deleteTask: ID }
`);

/** Runs a document and answers what each mutation resolver was told, by response key. */
async function ends(document: string): Promise<Record<string, boolean>> {
  const told: Record<string, boolean> = {};
  const resolver =
    (relations: string[]) => (_a: unknown, _c: unknown, info: GraphQLResolveInfo) => {
      told[String(info.path.key)] = endsOperation(info, relations);
      return null;
    };
  await execute({
    schema,
    document: parse(document),
    rootValue: {
      createTask: resolver(['project', 'tags']),
      deleteTask: resolver([]),
      task: resolver(['project', 'tags']),
    },
  });
  return told;
}

describe('endsOperation', () => {
  it('should let a lone write end when its answer is leaves and the read back’s relations', async () => {
    expect(
      await ends(
        `mutation { createTask { id title priority __typename project { id name } tags { name } } }`,
      ),
    ).toEqual({ createTask: true });
    expect(await ends(`mutation { __typename gone: deleteTask }`)).toEqual({ gone: true });
  });

  it('should follow inline and named fragments, at the root and in the answer', async () => {
    const document = `
      mutation { ...write }
      fragment write on Mutation { createTask { ... on Task { id } ...withTags } }
      fragment withTags on Task { tags { id } }`;
    expect(await ends(document)).toEqual({ createTask: true });
  });

  it('should not let a write end when another root field follows it', async () => {
    expect(await ends(`mutation { createTask { id } deleteTask }`)).toEqual({
      createTask: false,
      deleteTask: false,
    });
    expect(await ends(`mutation { a: createTask { id } b: createTask { id } }`)).toEqual({
      a: false,
      b: false,
    });
  });

  it('should not let a write end when its answer needs more statements', async () => {
    expect(await ends(`mutation { createTask { project { tasks { totalCount } } } }`)).toEqual({
      createTask: false,
    });
    expect(await ends(`mutation { createTask { owner { id } } }`)).toEqual({ createTask: false });
    expect(await ends(`mutation { createTask { project { owner { id } } } }`)).toEqual({
      createTask: false,
    });
  });

  it('should not let a query end anything', async () => {
    expect(await ends(`{ task { id } }`)).toEqual({ task: false });
  });
});
