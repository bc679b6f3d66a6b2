import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { accessTokenHash } from './dpop-proof';

export interface DpopKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  /** The value a bound token carries as cnf.jkt. */
  readonly jkt: string;
}

export async function dpopKeyFrom(privateKey: CryptoKey, publicKey: CryptoKey): Promise<DpopKey> {
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk, 'sha256') };
}

export interface ProofRequest {
  readonly htm: string;
  readonly htu: string;
  readonly accessToken: string;
  /** Seconds since the epoch; now when absent. */
  readonly iat?: number;
  readonly jti?: string;
  readonly alg?: string;
}

/** A DPoP proof (RFC 9449) for one request, as a client makes it: for the CLI and tests. */
export function createDpopProof(key: DpopKey, request: ProofRequest): Promise<string> {
  return new SignJWT({
    htm: request.htm,
    htu: request.htu,
    ath: accessTokenHash(request.accessToken),
    jti: request.jti ?? randomUUID(),
    iat: request.iat ?? Math.floor(Date.now() / 1000),
  })
    .setProtectedHeader({ alg: request.alg ?? 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk })
    .sign(key.privateKey);
}
