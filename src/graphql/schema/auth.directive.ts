import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  buildSchema,
  defaultFieldResolver,
  getNamedType,
  isCompositeType,
  isSpecifiedDirective,
  type GraphQLDirective,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { hasScope, type Viewer } from '../../auth/viewer';
import { ForbiddenError, UnauthenticatedError } from '../../errors/errors';
import type { Logger } from '../../log/logger';
import { answerScopes, ANSWER_RULE } from './answer-scope';

export const authDirectiveTypeDefs = /* GraphQL */ `
  """
  Requires a valid access token; with scopes, a scoped token must carry each.
  """
  directive @auth(
    """
    OAuth scopes a scoped token must carry, each; none: any valid token.
    """
    scopes: [String!]
  ) on OBJECT | FIELD_DEFINITION

  """
  Marks a root field that needs no token. Every root field must carry @auth or @public.
  """
  directive @public on FIELD_DEFINITION
`;

/** The same definitions as objects: type-graphql's buildSchema takes these, not SDL. */
export const authDirectives: GraphQLDirective[] = buildSchema(authDirectiveTypeDefs)
  .getDirectives()
  .filter((directive) => !isSpecifiedDirective(directive));

type Directable = Parameters<typeof getDirective>[1];

function uses(schema: GraphQLSchema, node: Directable | null | undefined, name: string) {
  return (node && getDirective(schema, node, name)) ?? [];
}

/** Scopes a field demands from its own @auth and its type's; null when neither has @auth. */
function requiredScopes(schema: GraphQLSchema, type: Directable | undefined, field: Directable) {
  const all = [...uses(schema, type, 'auth'), ...uses(schema, field, 'auth')];
  if (all.length === 0) return null;
  const scopes = all.flatMap((args) => [args['scopes'] ?? []].flat() as string[]);
  return [...new Set(scopes)];
}

/** A field's scopes: fixed, or also depending on what the request selects of its answer. */
/**
 * The scopes a field of `type` demands (its own @auth and its type's); null when neither has
 * @auth. The compiled read path checks the same scopes before it answers a field.
 */
export function fieldScopes(
  schema: GraphQLSchema,
  type: Directable,
  field: Directable,
): string[] | null {
  return requiredScopes(schema, type, field);
}

type ScopesOf = (info: GraphQLResolveInfo) => readonly string[];

function authorize(scopesOf: ScopesOf, context: unknown, info: GraphQLResolveInfo): void {
  // The pipeline rejects anonymous requests earlier; this holds even if a path skips it.
  const viewer = (context as { viewer?: Viewer | null } | null | undefined)?.viewer ?? null;
  if (viewer === null) throw new UnauthenticatedError();
  const missing = [...new Set(scopesOf(info))].filter((scope) => !hasScope(viewer, scope));
  if (missing.length > 0) {
    // The audit trail of denials; the context's log carries the request id and the user.
    const log = (context as { log?: Logger }).log;
    const field = `${info.parentType.name}.${info.fieldName}`;
    log?.warn({ event: 'authz_denied', field, missing }, 'operation denied: missing scope');
    throw new ForbiddenError(`Missing scope${missing.length > 1 ? 's' : ''}: ${missing.join(' ')}`);
  }
}

function authorizing<S, C>(scopesOf: ScopesOf, next: GraphQLFieldResolver<S, C>) {
  // Checked synchronously before `next` runs, so sync, async and subscribe resolvers alike never start.
  const resolve: GraphQLFieldResolver<S, C> = (source, args, context, info) => {
    authorize(scopesOf, context, info);
    return next(source, args, context, info);
  };
  return resolve;
}

/** Deny by default: a root field with neither marker (or both) is a build error, not a hole. */
export function assertRootFieldsMarked(schema: GraphQLSchema): void {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  const problems: string[] = [];
  for (const root of roots) {
    if (!root) continue;
    const rootAuth = uses(schema, root, 'auth').length > 0;
    for (const field of Object.values(root.getFields())) {
      const auth = rootAuth || uses(schema, field, 'auth').length > 0;
      const open = uses(schema, field, 'public').length > 0;
      if (auth === open) {
        problems.push(`${root.name}.${field.name} (${auth ? 'both' : 'neither'})`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `Every root field needs exactly one of @auth or @public: ${problems.join(', ')}`,
    );
  }
}

export function applyAuthDirective(schema: GraphQLSchema): GraphQLSchema {
  // Without the definitions, @auth arguments are not type-checked and tooling drops them.
  if (!schema.getDirective('auth') || !schema.getDirective('public')) {
    throw new Error('The schema lacks the @auth/@public definitions: add authDirectives to it.');
  }
  assertRootFieldsMarked(schema);
  const subscriptionType = schema.getSubscriptionType()?.name;
  const mutationType = schema.getMutationType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, _name, typeName) => {
      const scopes = requiredScopes(schema, schema.getType(typeName), field);
      if (scopes === null) return field;
      // A subscription field without `subscribe` still opens a stream (from the root value).
      const subscribe =
        field.subscribe ?? (typeName === subscriptionType ? defaultFieldResolver : undefined);
      // A mutation answering a record: reading it beyond its id is a read (answer-scope.ts).
      const answers = typeName === mutationType && isCompositeType(getNamedType(field.type));
      const scopesOf: ScopesOf = answers
        ? (info) => [...scopes, ...answerScopes(info)]
        : () => scopes;
      return {
        ...field,
        ...(answers
          ? { description: [field.description, ANSWER_RULE].filter(Boolean).join('\n\n') }
          : {}),
        resolve: authorizing(scopesOf, field.resolve ?? defaultFieldResolver),
        ...(subscribe ? { subscribe: authorizing(scopesOf, subscribe) } : {}),
      };
    },
  });
}
