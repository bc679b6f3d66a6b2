import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';
import {
  DpopRejectedError,
  ReplayCheckUnavailableError,
  type DpopRejectReason,
} from './dpop-rejected';
import { normalizeHtu } from './htu';
import type { ReplayCache } from './replay-cache';

/** Asymmetric only: a proof shows possession of a private key. */
export const DPOP_ALGORITHMS = ['ES256', 'EdDSA', 'RS256', 'PS256'];
const MAX_PROOF_BYTES = 4096;

export interface DpopCheck {
  /** Every DPoP header value received (two are refused). */
  readonly proofs: readonly string[] | undefined;
  readonly method: string;
  /**
   * The URLs that name this server for the request, from configuration, never from the
   * request's Host: htu must be one of them. Empty: no proof can be accepted.
   */
  readonly urls: readonly string[];
  readonly accessToken: string;
  /** The token's cnf.jkt: the thumbprint of the key the proof must be signed with. */
  readonly jkt: string;
}

export interface DpopPolicy {
  readonly replay: ReplayCache;
  /** How old (seconds, by its iat) a proof may be; its jti is remembered until then. */
  readonly maxAgeSeconds: number;
  readonly clockToleranceSeconds: number;
  readonly now?: () => number;
}

function reject(reason: DpopRejectReason): never {
  throw new DpopRejectedError(reason);
}

export function accessTokenHash(token: string): string {
  return createHash('sha256').update(token, 'ascii').digest('base64url');
}

/**
 * The first moment (seconds since the epoch) a proof made at `iat` is stale, by the check
 * in verifyDpopProof, which compares whole seconds of the server's clock.
 */
export function acceptedUntilSeconds(iat: number, maxAgeSeconds: number): number {
  return Math.floor(iat + maxAgeSeconds) + 1;
}

/** RFC 9449 §4.3: validates the DPoP proof of one request against its bound token. */
export async function verifyDpopProof(check: DpopCheck, policy: DpopPolicy): Promise<void> {
  if (!check.proofs || check.proofs.length === 0) reject('dpop_missing');
  if (check.proofs.length > 1) reject('dpop_duplicate');
  if (check.urls.length === 0) reject('dpop_no_public_url');
  const proof = check.proofs[0]!;
  if (proof.length > MAX_PROOF_BYTES || proof.split('.').length !== 3) reject('dpop_malformed');
  let header;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    return reject('dpop_malformed');
  }
  if (header.typ !== 'dpop+jwt' || !header.jwk || 'd' in header.jwk) reject('dpop_malformed');
  if (header.jku || header.x5u || header.x5c || header.crit) reject('dpop_malformed');
  const nowMs = (policy.now ?? Date.now)();
  const nowSeconds = Math.floor(nowMs / 1000);
  let payload;
  try {
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: DPOP_ALGORITHMS,
      currentDate: new Date(nowSeconds * 1000),
    }));
  } catch {
    return reject('dpop_bad_signature');
  }
  if ((await calculateJwkThumbprint(header.jwk, 'sha256')) !== check.jkt) reject('dpop_wrong_key');
  const { jti, htm, htu, iat, ath } = payload as Record<string, unknown>;
  if (typeof jti !== 'string' || jti.length < 1 || jti.length > 255) reject('dpop_malformed');
  if (typeof iat !== 'number' || !Number.isFinite(iat)) reject('dpop_malformed');
  if (htm !== check.method) reject('dpop_wrong_htm');
  if (typeof htu !== 'string' || normalizeHtu(htu) === undefined) reject('dpop_wrong_htu');
  if (!check.urls.some((url) => normalizeHtu(url) === normalizeHtu(htu))) reject('dpop_wrong_htu');
  if (ath !== accessTokenHash(check.accessToken)) reject('dpop_wrong_ath');
  if (iat > nowSeconds + policy.clockToleranceSeconds || iat < nowSeconds - policy.maxAgeSeconds) {
    reject('dpop_stale');
  }
  const key = createHash('sha256').update(`${check.jkt}:${jti}`).digest('base64url');
  // Remembered until the proof turns stale, counted from its iat: a proof made by a fast
  // clock is accepted longer after its first use than maxAge + the allowance.
  const ttl = Math.max(
    1,
    Math.ceil(acceptedUntilSeconds(iat, policy.maxAgeSeconds) - nowMs / 1000),
  );
  let fresh: boolean;
  try {
    fresh = await policy.replay.firstSeen(key, ttl);
  } catch (error) {
    // Fail closed: without the shared record a replay could not be told from a first use.
    throw new ReplayCheckUnavailableError(error);
  }
  if (!fresh) reject('dpop_replay');
}
