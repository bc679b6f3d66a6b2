import type { GraphQLError } from 'graphql';
import {
  PersistedQueryHashMismatchError,
  PersistedQueryNotFoundError,
  PersistedQueryNotInListError,
} from '../errors/errors';
import type { Logger } from '../log/logger';
import type { ApqStore } from './apq-store';
import { documentHash } from './document-hash';
import { persistedQueryOf, withoutPersistedQuery } from './persisted-query-extension';
import type { TrustedDocuments } from './trusted-manifest';

/** How documents reach the server: as sent, also by APQ hash, or only from the manifest. */
export type DocumentMode =
  | { readonly kind: 'plain' }
  | { readonly kind: 'automatic'; readonly store: ApqStore }
  | { readonly kind: 'trusted'; readonly trusted: TrustedDocuments };

/** One GraphQL-over-HTTP operation: a POST body (or a batch's item), or GET's parameters. */
export type Operation = Record<string, unknown>;

export interface DocumentResolver {
  readonly mode: DocumentMode['kind'];
  /**
   * The operation with its document text in `query` and no persistedQuery left, or the
   * PERSISTED_QUERY_* refusal. `userId` scopes APQ hashes: a user sees only their own.
   */
  resolve(operation: Operation, userId: string, log: Logger): Promise<Operation>;
  /** Trusted mode: whether a document text about to run is listed (Apollo's second check). */
  isTrusted(text: string | undefined): boolean;
}

function withText(operation: Operation, text: string): Operation {
  const extensions = withoutPersistedQuery(operation['extensions']);
  const { extensions: _sent, ...rest } = operation;
  return { ...rest, query: text, ...(extensions ? { extensions } : {}) };
}

async function resolveTrusted(
  trusted: TrustedDocuments,
  operation: Operation,
  log: Logger,
): Promise<Operation> {
  const refuse = (error: GraphQLError) => {
    // An old client, or someone trying documents of their own: either way worth a line.
    log.warn({ event: 'untrusted_document', code: error.extensions['code'] }, 'document refused');
    return error;
  };
  const ref = persistedQueryOf(operation['extensions']);
  const text = typeof operation['query'] === 'string' ? operation['query'] : undefined;
  if (!ref) {
    // No document at all is Apollo's BAD_REQUEST to give; any text must be a listed one.
    if (operation['query'] !== undefined && (text === undefined || !trusted.byBody(text))) {
      throw refuse(new PersistedQueryNotInListError());
    }
    return operation;
  }
  const listed = trusted.byId(ref.id);
  if (!listed) {
    throw refuse(
      text === undefined ? new PersistedQueryNotFoundError() : new PersistedQueryNotInListError(),
    );
  }
  if (text !== undefined && text !== listed.body) {
    throw refuse(new PersistedQueryHashMismatchError());
  }
  return withText(operation, listed.body);
}

/**
 * APQ is a saving, never a dependency: a store that fails reads as a miss (the client sends
 * the text again) and a failed write only means the next request misses too.
 */
async function resolveAutomatic(
  store: ApqStore,
  operation: Operation,
  userId: string,
  log: Logger,
): Promise<Operation> {
  const ref = persistedQueryOf(operation['extensions']);
  if (!ref) return operation;
  const sent = operation['query'];
  if (typeof sent === 'string') {
    if (documentHash(sent) !== ref.id) throw new PersistedQueryHashMismatchError();
    await store.set(userId, ref.id, sent).catch((error: unknown) => {
      log.warn({ event: 'apq_store_failed', message: (error as Error).message }, 'APQ not stored');
    });
    return withText(operation, sent);
  }
  const text = await store.get(userId, ref.id).catch((error: unknown) => {
    log.warn({ event: 'apq_store_failed', message: (error as Error).message }, 'APQ read failed');
    return undefined;
  });
  if (text === undefined) throw new PersistedQueryNotFoundError();
  return withText(operation, text);
}

export function createDocumentResolver(mode: DocumentMode): DocumentResolver {
  return {
    mode: mode.kind,
    resolve(operation, userId, log) {
      switch (mode.kind) {
        case 'trusted':
          return resolveTrusted(mode.trusted, operation, log);
        case 'automatic':
          return resolveAutomatic(mode.store, operation, userId, log);
        default:
          // Apollo answers persistedQuery with PERSISTED_QUERY_NOT_SUPPORTED.
          return Promise.resolve(operation);
      }
    },
    isTrusted(text) {
      return (
        mode.kind !== 'trusted' || (text !== undefined && mode.trusted.byBody(text) !== undefined)
      );
    },
  };
}
