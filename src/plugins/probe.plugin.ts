import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../errors/errors';
import type { RequestContext } from '../request/request-context';
import { responseKey, rootFields } from '../limits/root-fields';
import type { RateLimiter } from '../rate-limit/rate-limiter';

/** Root lookups by id: null is their "not found", as NOT_FOUND is a mutation's. */
const LOOKUPS = new Set(['project', 'task', 'tag']);

/** NOT_FOUND errors, plus id lookups answering null without an error of their own. */
export function countMisses(
  result: FormattedExecutionResult,
  document: DocumentNode | undefined,
  operation: OperationDefinitionNode | undefined,
): number {
  const errors = result.errors ?? [];
  let misses = errors.filter((error) => error.extensions?.['code'] === ErrorCode.NOT_FOUND).length;
  if (document && operation?.operation === 'query' && result.data) {
    const failed = new Set(errors.map((error) => error.path?.[0]));
    for (const field of rootFields(document, operation)) {
      const key = responseKey(field);
      if (LOOKUPS.has(field.name.value) && result.data[key] === null && !failed.has(key)) {
        misses += 1;
      }
    }
  }
  return misses;
}

/**
 * Counts a user's answers that found nothing. Many in a short window look like someone
 * guessing ids: the rate limiter slows, then refuses, that user (see RateLimiter.admit).
 */
export function probePlugin(rateLimiter: RateLimiter): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, document, operation, contextValue }) {
          if (response.body.kind !== 'single') return;
          const misses = countMisses(response.body.singleResult, document, operation);
          if (misses > 0) await rateLimiter.probed(contextValue.viewer, misses, contextValue.log);
        },
      };
    },
  };
}
