import {
  buildSchema as buildSdlSchema,
  graphql,
  parse,
  subscribe,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Viewer } from '../../../src/auth/viewer';
import {
  applyAuthDirective,
  assertRootFieldsMarked,
  authDirectives,
  authDirectiveTypeDefs,
} from '../../../src/graphql/schema/auth.directive';
import { Auth } from '../../../src/graphql/schema/auth.decorator';
import { Public } from '../../../src/graphql/schema/public.decorator';

const readTasks = jest.fn(() => 'tasks');
const writeTask = jest.fn(async () => 'written');

@ObjectType()
@Auth('tasks:read')
class Report {
  @Field()
  summary!: string;

  @Field()
  @Auth('reports:export')
  exportUrl!: string;
}

@Resolver()
class GuardedResolver {
  @Query(() => String)
  @Auth()
  me(): string {
    return 'me';
  }

  @Query(() => String)
  @Auth('tasks:read')
  tasks(): string {
    return readTasks();
  }

  @Mutation(() => String)
  @Auth('tasks:write')
  addTask(): Promise<string> {
    return writeTask();
  }

  @Query(() => String)
  @Auth('odd"scope')
  odd(): string {
    return 'odd';
  }

  @Query(() => String)
  @Public()
  health(): string {
    return 'ok';
  }

  @Query(() => Report)
  @Auth()
  report(): Report {
    return { summary: 'sum', exportUrl: 'url' };
  }
}

@Resolver()
class UnguardedResolver {
  @Query(() => String)
  @Auth()
  fine(): string {
    return 'fine';
  }

  @Query(() => String)
  leaky(): string {
    return 'leak';
  }
}

@Resolver()
class AmbiguousResolver {
  @Query(() => String)
  @Auth()
  @Public()
  both(): string {
    return 'both';
  }
}

type NonEmptyArray<T> = [T, ...T[]];

const build = (resolvers: NonEmptyArray<abstract new (...args: never[]) => unknown>) =>
  buildSchema({ resolvers, validate: false, directives: authDirectives });

function viewer(scopes: string[] | null): Viewer {
  return {
    id: 'user-1',
    email: null,
    name: null,
    scopes: scopes && new Set(scopes),
    boundKey: null,
    tokenId: 'jti-1',
    issuedAt: 0,
    expiresAt: 0,
  };
}

const codeOf = (result: ExecutionResult) => result.errors?.[0]?.extensions['code'];

describe('auth directive', () => {
  let schema: GraphQLSchema;
  const run = (source: string, v: Viewer | null) =>
    graphql({ schema, source, contextValue: { viewer: v } });

  beforeAll(async () => {
    schema = applyAuthDirective(await build([GuardedResolver]));
  });

  beforeEach(() => jest.clearAllMocks());

  it('should fail to build when a root field has neither @auth nor @public', async () => {
    const unguarded = await build([UnguardedResolver]);
    expect(() => applyAuthDirective(unguarded)).toThrow(/Query\.leaky \(neither\)/);
    expect(() => assertRootFieldsMarked(unguarded)).not.toThrow(/Query\.fine/);
  });

  it('should fail to build when a root field has both @auth and @public', async () => {
    const ambiguous = await build([AmbiguousResolver]);
    expect(() => applyAuthDirective(ambiguous)).toThrow(/Query\.both \(both\)/);
  });

  it('should fail to build when the directive definitions are missing from the schema', async () => {
    const bare = await buildSchema({ resolvers: [GuardedResolver], validate: false });
    expect(() => applyAuthDirective(bare)).toThrow(/authDirectives/);
  });

  it('should answer UNAUTHENTICATED without calling the resolver when there is no viewer', async () => {
    const result = await run('{ tasks }', null);
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
    expect(readTasks).not.toHaveBeenCalled();
  });

  it('should deny when the context has no viewer key at all', async () => {
    const result = await graphql({ schema, source: '{ me }', contextValue: {} });
    expect(codeOf(result)).toBe('UNAUTHENTICATED');
  });

  it('should let a public field through without a viewer', async () => {
    expect(await run('{ health }', null)).toEqual({ data: { health: 'ok' } });
  });

  it('should let a first-party viewer (scopes null) through every @auth field', async () => {
    const result = await run('{ me tasks odd report { summary exportUrl } }', viewer(null));
    expect(result.errors).toBeUndefined();
    expect(readTasks).toHaveBeenCalledTimes(1);
  });

  it('should let a scoped viewer holding the scope through', async () => {
    expect(await run('{ tasks }', viewer(['tasks:read']))).toEqual({ data: { tasks: 'tasks' } });
  });

  it('should answer FORBIDDEN naming the missing scope without calling the resolver', async () => {
    const result = await run('{ tasks }', viewer(['tasks:write']));
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toBe('Missing scope: tasks:read');
    expect(readTasks).not.toHaveBeenCalled();
  });

  it('should let an empty scope set through only fields with @auth but no scopes', async () => {
    expect(await run('{ me }', viewer([]))).toEqual({ data: { me: 'me' } });
    expect(codeOf(await run('{ tasks }', viewer([])))).toBe('FORBIDDEN');
  });

  it('should guard async resolvers before they start', async () => {
    const denied = await run('mutation { addTask }', viewer(['tasks:read']));
    expect(denied.errors?.[0]?.message).toBe('Missing scope: tasks:write');
    expect(writeTask).not.toHaveBeenCalled();
    const allowed = await run('mutation { addTask }', viewer(['tasks:write']));
    expect(allowed).toEqual({ data: { addTask: 'written' } });
  });

  it('should quote scopes so that odd characters survive into the schema', async () => {
    expect(await run('{ odd }', viewer(['odd"scope']))).toEqual({ data: { odd: 'odd' } });
    expect(() => Auth('two words')).toThrow(/Invalid scope/);
  });

  it('should apply OBJECT-level @auth to the fields of that type', async () => {
    const result = await run('{ report { summary } }', viewer([]));
    expect(result.errors?.[0]?.message).toBe('Missing scope: tasks:read');
    expect(result.errors?.[0]?.path).toEqual(['report', 'summary']);
  });

  it('should require the union of type-level and field-level scopes', async () => {
    const partial = await run('{ report { exportUrl } }', viewer(['reports:export']));
    expect(partial.errors?.[0]?.message).toBe('Missing scope: tasks:read');
    const full = await run('{ report { exportUrl } }', viewer(['tasks:read', 'reports:export']));
    expect(full).toEqual({ data: { report: { exportUrl: 'url' } } });
  });
});

describe('auth directive on an SDL schema', () => {
  const ticks = jest.fn(async function* () {
    yield { ticks: 1 };
  });
  const sdl = buildSdlSchema(`${authDirectiveTypeDefs}
    type Query { ping: String @public }
    type Subscription @auth(scopes: ["tasks:read"]) { ticks: Int }`);
  sdl.getSubscriptionType()!.getFields().ticks!.subscribe = ticks;
  const schema = applyAuthDirective(sdl);
  const open = (v: Viewer | null) =>
    subscribe({ schema, document: parse('subscription { ticks }'), contextValue: { viewer: v } });

  it('should guard subscribe with the root type scopes', async () => {
    const denied = (await open(viewer([]))) as ExecutionResult;
    expect(denied.errors?.[0]?.message).toBe('Missing scope: tasks:read');
    expect(ticks).not.toHaveBeenCalled();
  });

  it('should open the stream for a viewer holding the scope', async () => {
    const stream = (await open(viewer(['tasks:read']))) as AsyncGenerator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { ticks: 1 } });
  });
});
