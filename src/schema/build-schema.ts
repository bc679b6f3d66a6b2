import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLDateTime } from 'graphql-scalars';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from '../graphql/resolvers';
import { applyAuthDirective, authDirectives } from './auth.directive';

/** The executable schema: type-graphql's classes, with @auth's behaviour wired in. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    // Given directives replace graphql-js's own: without these, @include and @skip are unknown.
    directives: [...specifiedDirectives, ...authDirectives],
    validate: false,
    emitSchemaFile: false,
  });
  return applyAuthDirective(schema);
}

/** The SDL committed as schema.graphql; type-graphql's own printer would drop @auth. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(schema)}\n`;
}
