import { ownerNamedIn } from './seed-ids';

/** What one answer showed: whose rows it held, and whether it was what the scenario expects. */
export interface CheckedResponse {
  /** Strings naming their owner (see seed-ids.ts): every seeded row carries several. */
  readonly ownedStrings: number;
  /** Strings naming an owner other than the caller: must always be 0. */
  readonly foreignStrings: number;
  /** Why the answer is wrong, when it is. */
  readonly problem: string | undefined;
  /** An expected NOT_FOUND or null for another user's id. */
  readonly notFound: boolean;
  /**
   * A write refused as CONFLICT: another request of the same user changed the row after
   * this one began. Expected now and then, as several connections may carry one user.
   */
  readonly conflict?: boolean;
}

export interface GraphQLBody {
  readonly data?: Record<string, unknown> | null;
  readonly errors?: readonly { message?: string; extensions?: { code?: string } }[];
}

function countOwners(value: unknown, owner: string, into: { own: number; foreign: number }): void {
  if (typeof value === 'string') {
    const named = ownerNamedIn(value);
    if (named === owner) into.own += 1;
    else if (named !== undefined) into.foreign += 1;
  } else if (Array.isArray(value)) {
    for (const item of value) countOwners(item, owner, into);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) countOwners(item, owner, into);
  }
}

/** Parses and checks an answer; `expect` adds the scenario's own conditions on the data. */
export function checkResponse(
  status: number,
  text: string,
  owner: string,
  expect: (body: GraphQLBody) => string | undefined,
  notFound = false,
  options: { conflictAllowed?: boolean } = {},
): CheckedResponse {
  let body: GraphQLBody;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {
    return { ownedStrings: 0, foreignStrings: 0, problem: `HTTP ${status}: not JSON`, notFound };
  }
  const seen = { own: 0, foreign: 0 };
  countOwners(body.data, owner, seen);
  countOwners(body.errors, owner, seen);
  let problem: string | undefined;
  if (options.conflictAllowed && status === 200 && seen.foreign === 0 && isConflict(body)) {
    return {
      ownedStrings: seen.own,
      foreignStrings: 0,
      problem: undefined,
      notFound,
      conflict: true,
    };
  }
  if (status !== 200) problem = `HTTP ${status}: ${body.errors?.[0]?.message ?? text.slice(0, 80)}`;
  else if (seen.foreign > 0) problem = `${seen.foreign} foreign strings`;
  else problem = expect(body);
  return { ownedStrings: seen.own, foreignStrings: seen.foreign, problem, notFound };
}

/** No errors at all: the answer of a read or write of the caller's own data. */
export function noErrors(body: GraphQLBody): string | undefined {
  const error = body.errors?.[0];
  return error ? `error ${error.extensions?.code ?? ''}: ${error.message ?? ''}` : undefined;
}

/** The whole answer is one CONFLICT error and no data. */
function isConflict(body: GraphQLBody): boolean {
  return (
    body.errors?.length === 1 &&
    body.errors[0]?.extensions?.code === 'CONFLICT' &&
    Object.values(body.data ?? {}).every((value) => value == null)
  );
}
