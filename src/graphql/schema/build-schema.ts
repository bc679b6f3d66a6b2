import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLDateTime } from 'graphql-scalars';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { RESOLVERS } from '../resolvers';
import { applyAuthDirective, authDirectives } from './auth.directive';

/**
 * type-graphql insists on a PubSub once there is a Subscription type, for topic-based ones.
 * Ours take their events from the database (a `subscribe` function each): a topic-based
 * subscription would bypass that path, so one that slipped in fails loudly.
 */
const noTopics: PubSub = {
  publish() {
    throw new Error('Events come from the database (NOTIFY), not from publish()');
  },
  subscribe() {
    throw new Error('Subscriptions must use a subscribe function, not topics');
  },
};

/** The executable schema: type-graphql's classes, with @auth's behaviour wired in. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
    // Given directives replace graphql-js's own: without these, @include and @skip are unknown.
    directives: [...specifiedDirectives, ...authDirectives],
    validate: false,
    emitSchemaFile: false,
    pubSub: noTopics,
  });
  return applyAuthDirective(schema);
}

/** The SDL committed as schema.graphql; type-graphql's own printer would drop @auth. */
export function printAppSchema(schema: GraphQLSchema): string {
  return `${printSchemaWithDirectives(schema)}\n`;
}
