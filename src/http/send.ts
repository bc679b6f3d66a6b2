import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';

/** The headers every response carries, whatever it answers. */
export function baseHeaders(requestId: string): Record<string, string> {
  return {
    'x-request-id': requestId,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    // The API serves data, not pages: nothing in an answer may run, load, frame or post.
    'content-security-policy':
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** A GraphQL error answered before execution: its http extension gives status and headers. */
export function sendGraphQLError(
  res: ServerResponse,
  error: GraphQLError,
  headers: Record<string, string>,
): void {
  const http = error.extensions['http'] as
    { status?: number; headers?: Map<string, string> } | undefined;
  const { http: _http, ...extensions } = error.extensions;
  sendJson(
    res,
    http?.status ?? 400,
    { errors: [{ message: error.message, extensions }] },
    { ...headers, ...Object.fromEntries(http?.headers ?? []) },
  );
}
