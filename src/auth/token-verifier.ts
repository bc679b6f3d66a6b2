import { jwtVerify, type CryptoKey } from 'jose';
import { JwksKeyStore } from './jwks-key-store';
import { viewerFromClaims } from './token-claims';
import { checkShape } from './token-header';
import { reasonFor } from './token-reject-reason';
import { reject, TokenRejectedError } from './token-rejected';
import { VerifiedTokenCache, type CacheSize } from './verified-token-cache';
import type { Viewer } from './viewer';

export interface TokenVerifierOptions {
  /** HS256's key; may be absent only with jwksOnly. */
  secret: string | undefined;
  /** Refuse HS256 altogether: only the JWKS's owner can mint tokens (JWKS_ONLY). */
  jwksOnly?: boolean;
  issuer?: string;
  audience?: string;
  maxTtlSeconds: number;
  /** Seconds of clock skew allowed on exp, nbf and iat; 30 when absent. */
  clockToleranceSeconds?: number;
  /** Milliseconds since the epoch; for tests. */
  now?: () => number;
  /**
   * Better Auth's JWKS (e.g. https://auth.example/api/auth/jwks): EdDSA, ES256, RS256 and PS256
   * tokens with a kid verify against its keys. Absent: only HS256 with the secret.
   */
  jwksUrl?: string;
  /** Used instead of one built from jwksUrl; for tests and tuning. */
  keyStore?: JwksKeyStore;
  /** Verified tokens remembered until their exp (LRU); 10,000 when absent, 0 turns it off. */
  cacheSize?: number;
}

/**
 * A bearer token to a Viewer: its shape and header (token-header.ts), the signature and
 * registered claims (jose), our claims policy (token-claims.ts); a verified token is
 * remembered (verified-token-cache.ts) so a repeated one costs no signature work.
 */
export class TokenVerifier {
  private readonly key: Uint8Array;
  /** Seconds exp, nbf and iat may be off by: a revocation must outlive exp by as much. */
  readonly tolerance: number;
  private readonly now: () => number;
  private readonly keyStore: JwksKeyStore | undefined;
  private readonly verified: VerifiedTokenCache;

  constructor(private readonly options: TokenVerifierOptions) {
    if (!options.secret && !options.jwksOnly) throw new TypeError('TokenVerifier needs a secret');
    this.key = new TextEncoder().encode(options.secret ?? '');
    this.tolerance = options.clockToleranceSeconds ?? 30;
    this.now = options.now ?? Date.now;
    this.keyStore =
      options.keyStore ??
      (options.jwksUrl ? new JwksKeyStore({ url: options.jwksUrl, now: this.now }) : undefined);
    if (options.jwksOnly && !this.keyStore) throw new TypeError('jwksOnly needs a JWKS');
    this.verified = new VerifiedTokenCache(options.cacheSize ?? 10_000);
  }

  /** How many verified tokens are remembered now. */
  get cache(): CacheSize {
    return this.verified;
  }

  /** Resolves to the Viewer, or rejects with a TokenRejectedError and nothing else. */
  async verify(token: string): Promise<Viewer> {
    try {
      const hit = this.verified.get(token, this.now(), this.keyStore);
      if (hit) return hit;
      const { alg, kid } = checkShape(token, this.keyStore !== undefined);
      if (alg === 'HS256' && this.options.jwksOnly) reject('alg_not_allowed');
      let key: Uint8Array | CryptoKey = this.key;
      if (alg !== 'HS256') key = await this.keyStore!.getKey(kid!, alg);
      const nowMs = this.now();
      const { payload } = await jwtVerify(token, key, {
        algorithms: [alg],
        clockTolerance: this.tolerance,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp', 'iat', 'sub'],
        ...(this.options.issuer !== undefined ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience !== undefined ? { audience: this.options.audience } : {}),
      });
      const viewer = viewerFromClaims(token, payload, Math.floor(nowMs / 1000), {
        tolerance: this.tolerance,
        maxTtlSeconds: this.options.maxTtlSeconds,
      });
      const notBefore = typeof payload.nbf === 'number' ? payload.nbf : viewer.issuedAt;
      this.verified.remember(token, {
        viewer,
        validFrom: Math.max(viewer.issuedAt, notBefore) - this.tolerance,
        ...(alg !== 'HS256' ? { kid, alg, key: key as CryptoKey } : {}),
      });
      return viewer;
    } catch (error) {
      throw new TokenRejectedError(reasonFor(error));
    }
  }
}
