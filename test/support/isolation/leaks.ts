import type { GraphQLResponse, TestUser } from '../test-server';
import { comparable } from './graphql';
import { idsOf, type World } from './world';

/** Every string of `world`'s that must never reach another user, lower-cased. */
export function secretsOf(world: World): string[] {
  return [...idsOf(world), world.canary].map((s) => s.toLowerCase());
}

/** The secrets of `world` found in a response's body. */
export function tracesOf(world: World, res: GraphQLResponse): string[] {
  const text = JSON.stringify(res.body).toLowerCase();
  return secretsOf(world).filter((secret) => text.includes(secret));
}

export function expectNoTraceOf(world: World, res: GraphQLResponse): void {
  expect(tracesOf(world, res)).toEqual([]);
}

/**
 * Asks the same thing with `foreign` (something of another user's) and with `standIn`
 * (the same kind of value, naming nothing) and expects the two answers to be the same:
 * status, data, error codes and messages. Returns the answer for `foreign`.
 */
export async function expectAnsweredAsMissing(
  user: TestUser,
  owner: World,
  query: string,
  variables: (value: string) => Record<string, unknown>,
  foreign: string,
  standIn: string,
): Promise<GraphQLResponse> {
  const forForeign = await user.gql(query, variables(foreign));
  const forStandIn = await user.gql(query, variables(standIn));
  expectNoTraceOf(owner, forForeign);
  expect({ foreign, answer: comparable(forForeign, [foreign]) }).toEqual({
    foreign,
    answer: comparable(forStandIn, [standIn]),
  });
  return forForeign;
}
