import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../request/request-context';

/**
 * Tells the request's transaction when its operation only reads, so the transaction may end
 * in the same message as its first statements (src/db/pipeline). Mutations keep their own
 * COMMIT: their later statements depend on the answers of earlier ones.
 */
export function readOnlyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ operation, queryHash, contextValue }) => {
          if (operation?.operation === 'query') contextValue.tx.readOnly(queryHash);
          return Promise.resolve();
        },
      }),
  };
}
