import { createHash } from 'node:crypto';
import { jwtVerify, type JWTPayload } from 'jose';
import { MAX_TOKEN_BYTES, TokenRejectedError, type TokenRejectReason } from './token-rejected';
import type { Viewer } from './viewer';

export interface TokenVerifierOptions {
  secret: string;
  issuer?: string;
  audience?: string;
  maxTtlSeconds: number;
  /** Seconds of clock skew allowed on exp, nbf and iat; 30 when absent. */
  clockToleranceSeconds?: number;
  /** Milliseconds since the epoch; for tests. */
  now?: () => number;
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
function checkShape(token: unknown): void {
  if (typeof token !== 'string') reject('malformed');
  if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) reject('too_large');
  const parts = token.split('.');
  if (parts.length !== 3) reject('malformed');
  const [header, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(header) || !BASE64URL.test(payload)) reject('malformed');
  checkHeader(decodeJson(header));
  if (signature === '') reject('bad_signature');
  if (!BASE64URL.test(signature)) reject('malformed');
}

function checkHeader(header: unknown): void {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) reject('malformed');
  const h = header as Record<string, unknown>;
  if (h.alg !== 'HS256') reject('alg_not_allowed');
  if (FORBIDDEN_HEADER_PARAMS.some((name) => Object.hasOwn(h, name))) reject('forbidden_header');
  // b64:false signs the payload unencoded: another serialisation we never issue.
  if (Object.hasOwn(h, 'b64') && h.b64 !== true) reject('forbidden_header');
  if (h.typ !== undefined && (typeof h.typ !== 'string' || !ALLOWED_TYP.has(h.typ.toLowerCase()))) {
    reject('forbidden_header');
  }
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

function readScopes(scope: unknown): ReadonlySet<string> | null {
  // No scope claim: a first-party session token with full access to its own data.
  if (scope === undefined) return null;
  if (typeof scope !== 'string') return reject('bad_scope');
  return new Set(scope.split(' ').filter((s) => s !== ''));
}

export class TokenVerifier {
  private readonly key: Uint8Array;
  private readonly tolerance: number;
  private readonly now: () => number;

  constructor(private readonly options: TokenVerifierOptions) {
    if (!options.secret) throw new TypeError('TokenVerifier needs a secret');
    this.key = new TextEncoder().encode(options.secret);
    this.tolerance = options.clockToleranceSeconds ?? 30;
    this.now = options.now ?? Date.now;
  }

  /** Resolves to the Viewer, or rejects with a TokenRejectedError and nothing else. */
  async verify(token: string): Promise<Viewer> {
    try {
      checkShape(token);
      const nowMs = this.now();
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        clockTolerance: this.tolerance,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp', 'iat', 'sub'],
        ...(this.options.issuer !== undefined ? { issuer: this.options.issuer } : {}),
        ...(this.options.audience !== undefined ? { audience: this.options.audience } : {}),
      });
      return this.toViewer(token, payload, Math.floor(nowMs / 1000));
    } catch (error) {
      throw new TokenRejectedError(reasonFor(error));
    }
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
      tokenId: id ?? createHash('sha256').update(token).digest('base64url'),
      issuedAt: iat!,
      expiresAt: exp!,
    };
  }
}
