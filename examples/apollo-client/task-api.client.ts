import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { createAuthLink, type TokenSource } from './auth.link';
import { createTaskCache } from './task.cache';

export interface TaskApiClientOptions {
  /** The API's /graphql URL. */
  readonly uri: string;
  readonly getToken: TokenSource;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
  /** A PersistedQueryLink (persisted-queries.link.ts): APQ, or ids from the manifest. */
  readonly persistedQueries?: ApolloLink;
}

/**
 * An Apollo Client for the task API. When the signed-in user changes, call
 * `client.clearStore()` (or `resetStore()` to refetch what is on screen) after the token
 * source returns the new user's token: the cache must never show one user's tasks to another.
 */
export function createTaskApiClient({
  uri,
  getToken,
  fetch,
  persistedQueries,
}: TaskApiClientOptions) {
  return new ApolloClient({
    link: ApolloLink.from([
      createAuthLink(getToken),
      ...(persistedQueries ? [persistedQueries] : []),
      new HttpLink({ uri, fetch }),
    ]),
    cache: createTaskCache(),
  });
}
