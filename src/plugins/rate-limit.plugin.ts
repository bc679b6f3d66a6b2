import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../request/request-context';
import { rootFields } from '../limits/root-fields';
import type { RateLimiter } from '../rate-limit/rate-limiter';

/**
 * Limits that need the parsed operation: mutation fields per user, and each operation of a
 * batch (the request itself was counted on admission). Refusing here answers 429 before
 * anything executes.
 */
export function rateLimitPlugin(rateLimiter: RateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, requestIsBatched }) {
          const { viewer, log } = contextValue;
          if (requestIsBatched) await rateLimiter.operations(viewer, 1, log);
          if (operation?.operation === 'mutation') {
            await rateLimiter.mutations(viewer, rootFields(document, operation).length, log);
          }
        },
      };
    },
  };
}
