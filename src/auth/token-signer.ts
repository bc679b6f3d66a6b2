import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface TokenClaims {
  sub: string;
  email?: string;
  name?: string;
  scope?: string;
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
  jti?: string;
  /** Seconds since the epoch; now when absent. */
  iat?: number;
  /** Binds the token to a DPoP key (RFC 9449): the key's JWK SHA-256 thumbprint. */
  jkt?: string;
}

const DEFAULT_TTL_SECONDS = 3600;

/** Signs an HS256 access token the TokenVerifier accepts (for the CLI and tests). */
export async function signToken(secret: string, claims: TokenClaims): Promise<string> {
  const ttl = claims.ttlSeconds ?? DEFAULT_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0)
    throw new TypeError('ttlSeconds must be a positive integer');
  const iat = claims.iat ?? Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {};
  if (claims.email !== undefined) payload.email = claims.email;
  if (claims.name !== undefined) payload.name = claims.name;
  if (claims.scope !== undefined) payload.scope = claims.scope;
  if (claims.jkt !== undefined) payload.cnf = { jkt: claims.jkt };
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti(claims.jti ?? randomUUID());
  if (claims.issuer !== undefined) jwt.setIssuer(claims.issuer);
  if (claims.audience !== undefined) jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
