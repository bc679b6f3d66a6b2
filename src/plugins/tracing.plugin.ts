import type { ApolloServerPlugin } from '@apollo/server';
import { currentSpan } from '../tracing/span';

/**
 * Names the operation's span once Apollo knows the operation (`query Tasks`): its type and
 * name, chosen by the client's developers, never its document or variables.
 */
export function tracingPlugin<T extends object>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      const span = currentSpan();
      return {
        async didResolveOperation({ operation, operationName }) {
          const type = operation?.operation ?? 'unknown';
          span.updateName(operationName ? `${type} ${operationName}` : type);
          span.setAttributes({
            'graphql.operation.type': type,
            ...(operationName ? { 'graphql.operation.name': operationName } : {}),
          });
        },
        async didEncounterErrors({ errors }) {
          const codes = errors.map((error) =>
            String(error.extensions['code'] ?? 'INTERNAL_SERVER_ERROR'),
          );
          span.setAttributes({ 'graphql.error.codes': [...new Set(codes)] });
        },
      };
    },
  };
}
