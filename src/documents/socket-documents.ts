import type { SubscribePayload } from 'graphql-ws';
import { PersistedQueryNotSupportedError } from '../errors/errors';
import type { Logger } from '../log/logger';
import type { DocumentResolver } from './document-resolver';
import { persistedQueryOf } from './persisted-query-extension';

/**
 * A subscribe message's document, resolved exactly as an HTTP operation's: by APQ hash (per
 * user), by trusted id, or checked against the manifest as text. graphql-transport-ws wants
 * `query` to be a string, so an empty one next to a hash stands for HTTP's absent query.
 */
export async function resolveSocketDocument(
  resolver: DocumentResolver,
  payload: SubscribePayload,
  userId: string,
  log: Logger,
): Promise<SubscribePayload> {
  const hashed = persistedQueryOf(payload.extensions) !== undefined;
  if (hashed && resolver.mode === 'plain') throw new PersistedQueryNotSupportedError();
  const query = hashed && payload.query === '' ? undefined : payload.query;
  const resolved = await resolver.resolve({ ...payload, query }, userId, log);
  const { extensions } = resolved;
  return {
    ...payload,
    query: resolved['query'] as string,
    extensions: extensions as SubscribePayload['extensions'],
  };
}
