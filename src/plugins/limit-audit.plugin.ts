import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../request/request-context';
import { LimitExceededError } from '../errors/errors';

// graphql-js's wording, typo included, for a parse aborted by maxTokens.
const TOKEN_LIMIT = /Document contains more that \d+ tokens/;
const ERROR_LIMIT = /Too many validation errors/;

/** Writes an audit line for each document refused by an operation limit. */
export function limitAuditPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ contextValue }) {
          return async (error) => {
            if (error && TOKEN_LIMIT.test(error.message)) {
              contextValue.log.warn(
                { event: 'limit_rejected', limit: 'tokens' },
                'document refused: token limit',
              );
            }
          };
        },
        async validationDidStart({ contextValue }) {
          return async (errors) => {
            for (const error of errors ?? []) {
              const limit =
                error instanceof LimitExceededError
                  ? error.limit
                  : ERROR_LIMIT.test(error.message)
                    ? 'validation_errors'
                    : undefined;
              if (limit) {
                contextValue.log.warn(
                  { event: 'limit_rejected', limit, message: error.message },
                  'document refused: operation limit',
                );
              }
            }
          };
        },
      };
    },
  };
}
