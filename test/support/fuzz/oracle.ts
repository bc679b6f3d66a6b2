import { comparable } from '../isolation/graphql';
import { secretsOf } from '../isolation/leaks';
import type { GraphQLResponse } from '../test-server';
import { uuidsIn, type FuzzPools } from './pools';

/** Strings in an answer that decode (base64url) to JSON: cursors, and anything shaped like them. */
function decodedStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.length >= 8 && /^[A-Za-z0-9_-]+$/.test(value)) {
      const text = Buffer.from(value, 'base64url').toString('utf8');
      if (/^[[{]/.test(text)) out.push(text);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) decodedStrings(item, out);
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) decodedStrings(item, out);
  }
  return out;
}

/** Everything an answer says: its body and whatever its cursors carry inside. */
function readable(res: GraphQLResponse): string {
  return [JSON.stringify(res.body), ...decodedStrings(res.body)].join('\n').toLowerCase();
}

/** What is wrong with one answer to A, on its own. */
export function problemsOf(pools: FuzzPools, res: GraphQLResponse): string[] {
  const problems: string[] = [];
  const text = readable(res);
  const traces = secretsOf(pools.b).filter((secret) => text.includes(secret));
  if (traces.length > 0) problems.push(`B's data in the answer: ${traces.join(', ')}`);
  // Every id in an answer to A is A's: this catches rows of anyone else, not just B's.
  const strangers = [...new Set(uuidsIn(text))].filter((id) => !pools.aUuids.has(id));
  if (strangers.length > 0) problems.push(`ids that are not A's: ${strangers.join(', ')}`);
  // The ownership backstop answers a foreign row reaching the application with this code.
  if (text.includes('internal_server_error') || res.status >= 500) {
    problems.push(`internal error (status ${res.status})`);
  }
  return problems;
}

export const ANSWERS_DIFFER =
  "the answers differ: B's values against values naming nothing, B's data changed between";

/** Problems with a pair: each answer's own, and any difference between them. */
export function judge(
  pools: FuzzPools,
  foreign: GraphQLResponse,
  standIn: GraphQLResponse,
  foreignValues: readonly string[],
  standInValues: readonly string[],
): string[] {
  const problems = [
    ...problemsOf(pools, foreign).map((p) => `with B's values: ${p}`),
    ...problemsOf(pools, standIn).map((p) => `with stand-ins: ${p}`),
  ];
  if (comparable(foreign, foreignValues) !== comparable(standIn, standInValues)) {
    problems.push(ANSWERS_DIFFER);
  }
  return problems;
}

/**
 * Whether a pair that differs may differ by timing alone: a query whose answer a non-null
 * error nulled, where sibling fields that fail independently of B's values may or may not
 * have reported before execution ended (graphql-js runs a query's fields at once). Mutations
 * run their fields one after another, so their errors never depend on timing.
 */
export function mayDifferByTiming(
  operation: 'query' | 'mutation',
  foreign: GraphQLResponse,
  standIn: GraphQLResponse,
): boolean {
  return operation === 'query' && foreign.body.data === null && standIn.body.data === null;
}

/** Further sends of each side of a pair that may differ by timing (see mayDifferByTiming). */
const TIMING_RETRIES = 4;

type Side = 'foreign' | 'standIn';

/**
 * Sends both sides again: timing may change which errors a nulled answer reports, never what
 * B's values make of it, so a pair told apart by timing alone meets in some answer, and one told
 * apart by B's data never does. Every answer is still judged on its own.
 */
export async function recheckTiming(
  pools: FuzzPools,
  first: Readonly<Record<Side, GraphQLResponse>>,
  resend: (side: Side) => Promise<GraphQLResponse>,
  values: Readonly<Record<Side, readonly string[]>>,
): Promise<string[]> {
  const problems = judge(pools, first.foreign, first.standIn, values.foreign, values.standIn);
  const seen = {
    foreign: new Set([comparable(first.foreign, values.foreign)]),
    standIn: new Set([comparable(first.standIn, values.standIn)]),
  };
  for (let retry = 0; retry < TIMING_RETRIES; retry += 1) {
    const again = { foreign: await resend('foreign'), standIn: await resend('standIn') };
    problems.push(...judge(pools, again.foreign, again.standIn, values.foreign, values.standIn));
    seen.foreign.add(comparable(again.foreign, values.foreign));
    seen.standIn.add(comparable(again.standIn, values.standIn));
    if ([...seen.foreign].some((answer) => seen.standIn.has(answer))) {
      return [...new Set(problems.filter((problem) => problem !== ANSWERS_DIFFER))];
    }
  }
  return [...new Set(problems)];
}
