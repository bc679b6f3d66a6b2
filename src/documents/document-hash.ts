import { createHash } from 'node:crypto';

/** The id APQ and Apollo's manifests give a document: the SHA-256 of its exact text, in hex. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
