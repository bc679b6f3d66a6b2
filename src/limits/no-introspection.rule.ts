import { ApolloServerValidationErrorCode } from '@apollo/server/errors';
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Introspection refused as Apollo refuses it over HTTP in production: one error per
 * `__schema` / `__type`, marked INTROSPECTION_DISABLED so formatError words both alike.
 */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError('Introspection is disabled.', {
        nodes: [node],
        extensions: {
          validationErrorCode: ApolloServerValidationErrorCode.INTROSPECTION_DISABLED,
        },
      }),
    );
  },
});
