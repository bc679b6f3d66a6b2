import type { JWTPayload } from 'jose';
import { legacyRevocationKeyOf, revocationKeyOf } from './revocation-key';
import { reject } from './token-rejected';
import type { Viewer } from './viewer';

/** The longest `sub`, `jti` or `kid` accepted, in characters. */
export const MAX_ID_LENGTH = 255;
// Control characters, and lone surrogates that would turn into U+FFFD in the database and
// make two different subjects the same user.
const UNSAFE_CHARS = /[\p{Cc}\p{Cs}]/u;
// RFC 7638 SHA-256 thumbprints are 32 bytes: 43 base64url characters.
const JKT = /^[A-Za-z0-9_-]{43}$/;

/** What the claims are judged against besides the signature jose already checked. */
export interface ClaimsPolicy {
  /** Seconds iat may be ahead of the clock. */
  readonly tolerance: number;
  readonly maxTtlSeconds: number;
}

/** A `sub` we are willing to store as a user id. */
export function isValidSubject(sub: unknown): sub is string {
  if (typeof sub !== 'string' || sub.trim() === '' || UNSAFE_CHARS.test(sub)) return false;
  return [...sub].length <= MAX_ID_LENGTH;
}

function optionalString(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || UNSAFE_CHARS.test(value)) return reject('malformed');
  return value;
}

/** RFC 9449 §6: `cnf.jkt` binds the token to a key; anything else in `cnf` is refused. */
function readConfirmation(cnf: unknown): string | null {
  if (cnf === undefined) return null;
  if (typeof cnf !== 'object' || cnf === null || Array.isArray(cnf)) return reject('malformed');
  const { jkt, ...rest } = cnf as Record<string, unknown>;
  if (typeof jkt !== 'string' || !JKT.test(jkt) || Object.keys(rest).length > 0) {
    return reject('malformed');
  }
  return jkt;
}

function readScopes(scope: unknown): ReadonlySet<string> | null {
  // No scope claim: a first-party session token with full access to its own data.
  if (scope === undefined) return null;
  if (typeof scope !== 'string') return reject('bad_scope');
  return new Set(scope.split(' ').filter((s) => s !== ''));
}

/** The Viewer a verified token's claims describe, or a rejection for claims we refuse. */
export function viewerFromClaims(
  token: string,
  claims: JWTPayload,
  nowSeconds: number,
  policy: ClaimsPolicy,
): Viewer {
  const { exp, iat, sub, jti } = claims;
  if (!Number.isFinite(exp) || !Number.isFinite(iat)) reject('malformed');
  if (iat! > nowSeconds + policy.tolerance) reject('iat_in_future');
  if (exp! - iat! > policy.maxTtlSeconds) reject('ttl_too_long');
  if (!isValidSubject(sub)) reject('bad_sub');
  const id = optionalString(jti);
  if (id !== null && (id === '' || id.length > MAX_ID_LENGTH)) reject('malformed');
  return {
    id: sub,
    email: optionalString(claims.email),
    name: optionalString(claims.name),
    scopes: readScopes(claims.scope),
    boundKey: readConfirmation(claims['cnf']),
    tokenId: id ?? revocationKeyOf(token),
    ...(id === null ? { legacyTokenId: legacyRevocationKeyOf(token) } : {}),
    // NumericDate may be fractional (RFC 7519 §2); cutoffs compare whole seconds.
    issuedAt: Math.floor(iat!),
    expiresAt: exp!,
  };
}
