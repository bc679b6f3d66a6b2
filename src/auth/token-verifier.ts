import { jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import { isCanonicalBase64url } from './base64url';
import { isJwksAlgorithm, JwksKeyStore, type JwksAlgorithm } from './jwks-key-store';
import { legacyRevocationKeyOf, revocationKeyOf } from './revocation-key';
import { MAX_TOKEN_BYTES, TokenRejectedError, type TokenRejectReason } from './token-rejected';
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

interface CachedViewer {
  readonly viewer: Viewer;
  /** Seconds: the cache answers only while validFrom <= now < exp. */
  readonly validFrom: number;
  /** For JWKS tokens: the key that verified it, which must still be live on a hit. */
  readonly kid?: string;
  readonly alg?: JwksAlgorithm;
  readonly key?: CryptoKey;
}

interface CheckedHeader {
  readonly alg: 'HS256' | JwksAlgorithm;
  readonly kid: string | undefined;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
// Keys or key locations chosen by the sender would let an attacker pick the key (RFC 8725 §3.1).
const FORBIDDEN_HEADER_PARAMS = ['jku', 'x5u', 'x5c', 'jwk', 'x5t', 'x5t#S256', 'crit'];
const ALLOWED_TYP = new Set(['jwt', 'application/jwt', 'at+jwt', 'application/at+jwt']);
const MAX_ID_LENGTH = 255;
// Control characters, and lone surrogates that would turn into U+FFFD in the database and
// make two different subjects the same user.
const UNSAFE_CHARS = /[\p{Cc}\p{Cs}]/u;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function reject(reason: TokenRejectReason): never {
  throw new TokenRejectedError(reason);
}

/** A `sub` we are willing to store as a user id. */
export function isValidSubject(sub: unknown): sub is string {
  if (typeof sub !== 'string' || sub.trim() === '' || UNSAFE_CHARS.test(sub)) return false;
  return [...sub].length <= MAX_ID_LENGTH;
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(strictUtf8.decode(Buffer.from(part, 'base64url')));
  } catch {
    return reject('malformed');
  }
}

/** Everything that can be refused without touching the key (RFC 8725). */
function checkShape(token: unknown, asymmetric: boolean): CheckedHeader {
  if (typeof token !== 'string') reject('malformed');
  if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) reject('too_large');
  const parts = token.split('.');
  if (parts.length !== 3) reject('malformed');
  const [header, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(header) || !BASE64URL.test(payload)) reject('malformed');
  // One text per token: a re-spelled copy must not pass for a different token.
  if (!isCanonicalBase64url(header) || !isCanonicalBase64url(payload)) reject('non_canonical');
  const checked = checkHeader(decodeJson(header), asymmetric);
  if (signature === '') reject('bad_signature');
  if (!BASE64URL.test(signature)) reject('malformed');
  if (!isCanonicalBase64url(signature)) reject('non_canonical');
  return checked;
}

function checkHeader(header: unknown, asymmetric: boolean): CheckedHeader {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) reject('malformed');
  const h = header as Record<string, unknown>;
  // HS256 only ever with the secret; an asymmetric alg only ever with a JWKS key.
  const alg = h.alg === 'HS256' || (asymmetric && isJwksAlgorithm(h.alg)) ? h.alg : undefined;
  if (alg === undefined) reject('alg_not_allowed');
  if (FORBIDDEN_HEADER_PARAMS.some((name) => Object.hasOwn(h, name))) reject('forbidden_header');
  // b64:false signs the payload unencoded: another serialisation we never issue.
  if (Object.hasOwn(h, 'b64') && h.b64 !== true) reject('forbidden_header');
  if (h.typ !== undefined && (typeof h.typ !== 'string' || !ALLOWED_TYP.has(h.typ.toLowerCase()))) {
    reject('forbidden_header');
  }
  if (alg === 'HS256') return { alg, kid: undefined };
  // The only thing in a header that can lead to a fetch: an unknown kid, on the configured URL.
  const { kid } = h;
  if (typeof kid !== 'string' || kid === '' || kid.length > MAX_ID_LENGTH) reject('malformed');
  return { alg, kid };
}

/** Maps whatever jose throws to a reason; anything unexpected is just 'malformed'. */
function reasonFor(error: unknown): TokenRejectReason {
  if (error instanceof TokenRejectedError) return error.reason;
  const { code, claim, reason } = (error ?? {}) as {
    code?: unknown;
    claim?: unknown;
    reason?: unknown;
  };
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad_signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'alg_not_allowed';
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return 'missing_claim';
      if (claim === 'nbf') return 'not_yet_valid';
      if (claim === 'iss') return 'bad_issuer';
      if (claim === 'aud') return 'bad_audience';
      return 'malformed';
    default:
      return 'malformed';
  }
}

function optionalString(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || UNSAFE_CHARS.test(value)) return reject('malformed');
  return value;
}

// RFC 7638 SHA-256 thumbprints are 32 bytes: 43 base64url characters.
const JKT = /^[A-Za-z0-9_-]{43}$/;

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

export class TokenVerifier {
  private readonly key: Uint8Array;
  /** Seconds exp, nbf and iat may be off by: a revocation must outlive exp by as much. */
  readonly tolerance: number;
  private readonly now: () => number;
  private readonly keyStore: JwksKeyStore | undefined;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, CachedViewer>();

  constructor(private readonly options: TokenVerifierOptions) {
    if (!options.secret && !options.jwksOnly) throw new TypeError('TokenVerifier needs a secret');
    this.key = new TextEncoder().encode(options.secret ?? '');
    this.tolerance = options.clockToleranceSeconds ?? 30;
    this.now = options.now ?? Date.now;
    this.keyStore =
      options.keyStore ??
      (options.jwksUrl ? new JwksKeyStore({ url: options.jwksUrl, now: this.now }) : undefined);
    if (options.jwksOnly && !this.keyStore) throw new TypeError('jwksOnly needs a JWKS');
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  /** Resolves to the Viewer, or rejects with a TokenRejectedError and nothing else. */
  async verify(token: string): Promise<Viewer> {
    try {
      const hit = this.cached(token);
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
      const viewer = this.toViewer(token, payload, Math.floor(nowMs / 1000));
      const notBefore = typeof payload.nbf === 'number' ? payload.nbf : viewer.issuedAt;
      this.remember(token, {
        viewer,
        validFrom: Math.max(viewer.issuedAt, notBefore) - this.tolerance,
        ...(alg !== 'HS256' ? { kid, alg, key: key as CryptoKey } : {}),
      });
      return viewer;
    } catch (error) {
      throw new TokenRejectedError(reasonFor(error));
    }
  }

  /** A Viewer verified before, while its token is still within [validFrom, exp). */
  private cached(token: string): Viewer | undefined {
    const entry = this.cache.get(token);
    if (!entry) return undefined;
    const nowSeconds = this.now() / 1000;
    const keyLive =
      entry.kid === undefined || this.keyStore?.peek(entry.kid, entry.alg!) === entry.key;
    if (nowSeconds >= entry.viewer.expiresAt || nowSeconds < entry.validFrom || !keyLive) {
      this.cache.delete(token);
      return undefined;
    }
    this.cache.delete(token); // most recently used goes last
    this.cache.set(token, entry);
    return entry.viewer;
  }

  private remember(token: string, entry: CachedViewer): void {
    if (this.cacheSize <= 0) return;
    this.cache.delete(token);
    this.cache.set(token, entry);
    while (this.cache.size > this.cacheSize) {
      this.cache.delete(this.cache.keys().next().value!);
    }
  }

  /** Entries held now; for tests and metrics. */
  get cachedCount(): number {
    return this.cache.size;
  }

  private toViewer(token: string, claims: JWTPayload, nowSeconds: number): Viewer {
    const { exp, iat, sub, jti } = claims;
    if (!Number.isFinite(exp) || !Number.isFinite(iat)) reject('malformed');
    if (iat! > nowSeconds + this.tolerance) reject('iat_in_future');
    if (exp! - iat! > this.options.maxTtlSeconds) reject('ttl_too_long');
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
}
