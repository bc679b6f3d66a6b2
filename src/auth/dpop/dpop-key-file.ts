import { readFile, writeFile } from 'node:fs/promises';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { dpopKeyFrom, type DpopKey } from './dpop-signer';

/**
 * A client's DPoP key kept as a private JWK in a file (0600), created on first use: lets
 * `npm run token` mint a bound token and then proofs for it, like a real client would.
 */
export async function loadOrCreateDpopKey(file: string): Promise<DpopKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    jwk = { ...(await exportJWK(privateKey)), alg: 'ES256' };
    await writeFile(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' });
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
    throw new Error(`${file} does not hold a P-256 private key`);
  }
  const { d: _d, ...publicJwk } = jwk;
  const privateKey = (await importJWK(jwk, 'ES256')) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
  return dpopKeyFrom(privateKey, publicKey);
}
