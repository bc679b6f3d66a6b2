import { createHash } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { isCanonicalBase64url } from '../../../src/auth/base64url';
import { JwksKeyStore } from '../../../src/auth/jwks-key-store';
import { revocationKeyOf } from '../../../src/auth/revocation-key';
import { TokenRejectedError } from '../../../src/auth/token-rejected';
import { TokenVerifier } from '../../../src/auth/token-verifier';
import { otherSpellings, respelledTokens } from '../../support/base64url-spellings';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const NOW = 1_800_000_000;
// The order of P-256: (r, n - s) is a second valid ECDSA signature of the same message.
const P256_N = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

function highS(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const bytes = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
  const flipped = Buffer.from((P256_N - s).toString(16).padStart(64, '0'), 'hex');
  return `${header}.${payload}.${Buffer.concat([bytes.subarray(0, 32), flipped]).toString('base64url')}`;
}

async function reasonOf(verifier: TokenVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
    return 'accepted';
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRejectedError);
    return (error as TokenRejectedError).reason;
  }
}

describe('token spelling', () => {
  let es256: CryptoKey;
  let verifier: TokenVerifier;
  const hs256 = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ sub: 'alice', iat: NOW, exp: NOW + 600, ...claims })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(SECRET));

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    es256 = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'es-1', alg: 'ES256' };
    const keyStore = new JwksKeyStore({
      url: 'https://auth.example/api/auth/jwks',
      now: () => NOW * 1000,
      fetch: async () => new Response(JSON.stringify({ keys: [jwk] })),
    });
    verifier = new TokenVerifier({
      secret: SECRET,
      maxTtlSeconds: 86_400,
      now: () => NOW * 1000,
      keyStore,
      cacheSize: 0,
    });
  });

  describe('isCanonicalBase64url', () => {
    it('should accept only the one spelling without padding of any byte string', () => {
      for (let length = 1; length < 40; length += 1) {
        const canonical = Buffer.alloc(length, 0xa5).toString('base64url');
        expect(isCanonicalBase64url(canonical)).toBe(true);
        for (const other of otherSpellings(canonical))
          expect(isCanonicalBase64url(other)).toBe(false);
        expect(isCanonicalBase64url(`${canonical}=`)).toBe(false);
      }
      expect(isCanonicalBase64url('')).toBe(false);
      expect(isCanonicalBase64url('A')).toBe(false);
    });
  });

  describe('TokenVerifier', () => {
    it('should refuse a token with any part spelled other than canonically', async () => {
      let token = await hs256();
      for (let pad = 'x'; respelledTokens(token, 1).length === 0; pad += 'x') {
        token = await hs256({ name: pad });
      }
      expect(await reasonOf(verifier, token)).toBe('accepted');
      const respelled = [...respelledTokens(token, 1), ...respelledTokens(token, 2)];
      expect(respelled.length).toBeGreaterThanOrEqual(4);
      for (const other of respelled) expect(await reasonOf(verifier, other)).toBe('non_canonical');
    });
  });

  describe('revocation key of a token without jti', () => {
    it('should be the same for every spelling of the token', async () => {
      const token = await hs256();
      const expected = revocationKeyOf(token);
      expect(expected).not.toBe(createHash('sha256').update(token).digest('base64url'));
      for (const other of respelledTokens(token, 2)) expect(revocationKeyOf(other)).toBe(expected);
      expect((await verifier.verify(token)).tokenId).toBe(expected);
    });

    it("should not change with a second valid ECDSA signature (r, n - s) of the token's claims", async () => {
      const token = await new SignJWT({ sub: 'alice', iat: NOW, exp: NOW + 600 })
        .setProtectedHeader({ alg: 'ES256', kid: 'es-1' })
        .sign(es256);
      const twin = highS(token);
      expect(twin).not.toBe(token);
      const [a, b] = [await verifier.verify(token), await verifier.verify(twin)];
      expect(b.tokenId).toBe(a.tokenId);
      expect(b.legacyTokenId).not.toBe(a.legacyTokenId);
    });

    it('should be the jti when the token has one', async () => {
      const viewer = await verifier.verify(await hs256({ jti: 'token-1' }));
      expect(viewer.tokenId).toBe('token-1');
      expect(viewer.legacyTokenId).toBeUndefined();
    });
  });
});
