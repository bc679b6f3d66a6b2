import type { GraphQLResponse } from '../test-server';

/** The data of a response that must have succeeded; anything else fails with the body. */
export function dataOf<T = any>(res: GraphQLResponse): T {
  if (res.status !== 200 || (res.body.errors?.length ?? 0) > 0 || !res.body.data) {
    throw new Error(`GraphQL request failed (${res.status}): ${JSON.stringify(res.body)}`);
  }
  return res.body.data as T;
}

/** The error codes of a response, in order. */
export function codesOf(res: GraphQLResponse): unknown[] {
  return (res.body.errors ?? []).map((error) => error.extensions?.['code']);
}

/**
 * Status and body as one comparable string, with the given values (the foreign id and its
 * stand-in) replaced by placeholders and errors sorted: sibling resolvers fail in whatever
 * order their promises settle, which says nothing about whose row was asked for.
 */
export function comparable(res: GraphQLResponse, replacements: readonly string[] = []): string {
  // A non-null error that nulls the whole answer ends execution while siblings still run: which
  // of their errors made it in (and at which paths) is timing, so then only what was said counts.
  const nulled = res.body.data === null;
  const errors = [
    ...new Set(
      (res.body.errors ?? []).map((e) =>
        JSON.stringify(nulled ? { message: e.message, extensions: e.extensions } : e),
      ),
    ),
  ].sort();
  let text = JSON.stringify({ status: res.status, data: res.body.data, errors });
  replacements.forEach((value, i) => {
    if (value) text = text.split(value).join(`<value-${i}>`);
  });
  return text;
}
