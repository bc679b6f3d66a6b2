import type { ApolloServerPlugin } from '@apollo/server';
import { PersistedQueryNotInListError } from '../errors/errors';
import type { DocumentResolver } from '../documents/document-resolver';

/**
 * The second check of trusted-documents mode, inside Apollo: whatever way a document got
 * past the HTTP layer, it runs only if it is a listed text.
 */
export function trustedDocumentsPlugin<T extends object>(
  resolver: DocumentResolver,
): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source }) {
          if (!resolver.isTrusted(source)) throw new PersistedQueryNotInListError();
        },
      };
    },
  };
}
