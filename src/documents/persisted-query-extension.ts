import { BadRequestError } from '../errors/errors';

/** Longer than any id a manifest or APQ uses: it bounds what goes into a cache key. */
const MAX_ID_LENGTH = 128;

/** `extensions.persistedQuery` of one operation, when the client sent one. */
export interface PersistedQueryRef {
  readonly id: string;
}

/**
 * Reads Apollo's `{ persistedQuery: { version: 1, sha256Hash } }`. Anything else under that
 * name is refused here with BAD_REQUEST rather than passed on half-understood.
 */
export function persistedQueryOf(extensions: unknown): PersistedQueryRef | undefined {
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as Record<string, unknown>)['persistedQuery'];
  if (persisted === undefined) return undefined;
  const { version, sha256Hash } = (persisted ?? {}) as Record<string, unknown>;
  if (version !== 1) throw new BadRequestError('Unsupported persisted query version.');
  if (typeof sha256Hash !== 'string' || sha256Hash === '' || sha256Hash.length > MAX_ID_LENGTH) {
    throw new BadRequestError('persistedQuery.sha256Hash must be a non-empty string.');
  }
  return { id: sha256Hash };
}

/** The extensions without persistedQuery: what is left for Apollo once the text is known. */
export function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  const { persistedQuery: _done, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}
