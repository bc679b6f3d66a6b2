import { createHash } from 'node:crypto';
import { canonicalBase64url } from './base64url';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * What revokes a token without `jti`: a hash of its signed part (header and payload, each
 * re-encoded canonically), never of the signature. A signature can have several valid
 * forms (an ECDSA (r, n - s), a PS256 or ES256 re-signing of the same claims), the signed
 * part only one, and nobody without the key can change it and keep the token valid.
 */
export function revocationKeyOf(token: string): string {
  const [header = '', payload = ''] = token.split('.');
  return sha256(`${canonicalBase64url(header)}.${canonicalBase64url(payload)}`);
}

/**
 * The key of releases before migration 1764000000004: a hash of the token's whole text.
 * Still written and checked, so logouts recorded by, or checked on, an instance of the
 * previous release keep holding through a rolling deploy and for the tokens' lifetime.
 */
export function legacyRevocationKeyOf(token: string): string {
  return sha256(token);
}
