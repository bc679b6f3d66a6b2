import { ApolloClient, ApolloLink, HttpLink } from '@apollo/client';
import { createAuthLink, type TokenSource } from './auth.link';
import { createRetryLink, type RetryLinkOptions } from './retry.link';
import { createTaskCache } from './task.cache';

export interface TaskApiClientOptions {
  /** The API's /graphql URL. */
  readonly uri: string;
  readonly getToken: TokenSource;
  /**
   * Replaces the token after a 401 (e.g. `createBetterAuthToken(…).refresh`); without it a
   * 401 goes straight to the caller. 429s are retried after Retry-After either way.
   */
  readonly refreshToken?: RetryLinkOptions['refreshToken'];
  readonly retry?: Omit<RetryLinkOptions, 'refreshToken'>;
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
  refreshToken,
  retry,
  fetch,
  persistedQueries,
}: TaskApiClientOptions) {
  return new ApolloClient({
    // The retry link sits above the auth link, so a retry is sent with the refreshed token.
    link: ApolloLink.from([
      createRetryLink({ ...retry, refreshToken }),
      createAuthLink(getToken),
      ...(persistedQueries ? [persistedQueries] : []),
      new HttpLink({ uri, fetch }),
    ]),
    cache: createTaskCache(),
  });
}
