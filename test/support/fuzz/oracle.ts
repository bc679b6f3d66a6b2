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
    problems.push(
      "the answers differ: B's values against values naming nothing, B's data changed between",
    );
  }
  return problems;
}
