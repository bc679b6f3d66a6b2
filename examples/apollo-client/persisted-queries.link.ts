import { createHash } from 'node:crypto';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import {
  generatePersistedQueryIdsFromManifest,
  type PersistedQueryManifestForGeneratingPersistedQueryIds,
} from '@apollo/persisted-query-lists';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Automatic persisted queries: each operation goes out as its hash; the first time (per
 * user, per server store) the server answers PERSISTED_QUERY_NOT_FOUND and the link sends
 * the text with the hash once.
 */
export function automaticPersistedQueries(): PersistedQueryLink {
  return new PersistedQueryLink({ sha256 });
}

/**
 * For a server in trusted-documents mode: operations go out as their manifest id only
 * (generated/persisted-query-manifest.json, the same file the server is given).
 */
export function trustedDocuments(
  manifest: PersistedQueryManifestForGeneratingPersistedQueryIds,
): PersistedQueryLink {
  return new PersistedQueryLink(
    generatePersistedQueryIdsFromManifest({ loadManifest: async () => manifest }),
  );
}
