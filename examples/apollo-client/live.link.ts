import { ApolloLink, HttpLink, split } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { createClient } from 'graphql-ws';
import { createAuthLink, type TokenSource } from './auth.link';

export interface LiveLinkOptions {
  /** The API's /graphql URL (http or https); the socket uses the same URL as ws or wss. */
  readonly uri: string;
  readonly getToken: TokenSource;
  readonly fetch?: typeof fetch;
  /** Node has no global WebSocket before 22: pass the `ws` package's. Browsers need nothing. */
  readonly webSocketImpl?: unknown;
}

/**
 * HTTP for queries and mutations, graphql-ws for subscriptions. The socket's token travels
 * in connection_init (connectionParams), read again on every reconnect, so a refreshed
 * token is used once the old socket closes (4401 at the old token's exp).
 */
export function createLiveLink({ uri, getToken, fetch, webSocketImpl }: LiveLinkOptions) {
  const socket = createClient({
    url: uri.replace(/^http/, 'ws'),
    webSocketImpl,
    connectionParams: async () => {
      const token = await getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  });
  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
    },
    new GraphQLWsLink(socket),
    ApolloLink.from([createAuthLink(getToken), new HttpLink({ uri, fetch })]),
  );
  return { link, socket };
}
