import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { JwksKeyStore } from '../../../src/auth/jwks-key-store';
import { TokenRejectedError } from '../../../src/auth/token-rejected';
import { signToken } from '../../../src/auth/token-signer';
import { TokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const NOW = 1_800_000_000;

describe('TokenVerifier cache', () => {
  let clock: number;
  const verifier = (options: Partial<TokenVerifierOptions> = {}) =>
    new TokenVerifier({ secret: SECRET, maxTtlSeconds: 86_400, now: () => clock, ...options });
  const token = (extra: { jti?: string; ttlSeconds?: number; iat?: number } = {}) =>
    signToken(SECRET, { sub: 'alice', iat: NOW, ttlSeconds: 60, ...extra });

  async function reasonOf(v: TokenVerifier, t: string): Promise<string> {
    try {
      await v.verify(t);
    } catch (error) {
      expect(error).toBeInstanceOf(TokenRejectedError);
      return (error as TokenRejectedError).reason;
    }
    throw new Error('expected the token to be rejected');
  }

  beforeEach(() => {
    clock = NOW * 1000;
  });

  it('should answer a repeated HS256 token from the cache', async () => {
    const v = verifier();
    const t = await token();
    const first = await v.verify(t);
    expect(await v.verify(t)).toBe(first); // the same object: nothing was verified again
    expect(v.cache.size).toBe(1);
  });

  it('should do the signature work for a JWKS token once', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'EdDSA' };
    const fetch = jest.fn(async () => new Response(JSON.stringify({ keys: [jwk] })));
    const keyStore = new JwksKeyStore({
      url: 'https://auth.example/jwks',
      fetch,
      now: () => clock,
    });
    const getKey = jest.spyOn(keyStore, 'getKey');
    const v = verifier({ keyStore });
    const t = await new SignJWT({ sub: 'alice', iat: NOW, exp: NOW + 600 })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
      .sign(privateKey);
    const first = await v.verify(t);
    clock += 1000;
    expect(await v.verify(t)).toBe(first);
    expect(await v.verify(t)).toBe(first);
    expect(getKey).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('should never answer from the cache at or past exp', async () => {
    const v = verifier({ clockToleranceSeconds: 0 });
    const t = await token({ ttlSeconds: 60 });
    await v.verify(t);
    clock = (NOW + 59) * 1000;
    await expect(v.verify(t)).resolves.toBeDefined();
    clock = (NOW + 60) * 1000;
    expect(await reasonOf(v, t)).toBe('expired');
    expect(v.cache.size).toBe(0);
  });

  it('should re-verify past exp, within the tolerance, and refuse after it', async () => {
    const v = verifier(); // 30 s tolerance
    const t = await token({ ttlSeconds: 60 });
    const first = await v.verify(t);
    clock = (NOW + 70) * 1000;
    const again = await v.verify(t);
    expect(again).not.toBe(first); // verified afresh, not taken from the cache
    clock = (NOW + 91) * 1000;
    expect(await reasonOf(v, t)).toBe('expired');
  });

  it('should follow the clock backwards too', async () => {
    const v = verifier();
    const t = await token();
    await v.verify(t);
    clock = (NOW - 120) * 1000;
    expect(await reasonOf(v, t)).toBe('iat_in_future');
  });

  it('should not cache rejections', async () => {
    const v = verifier();
    const t = await signToken('another-secret-another-secret-another', { sub: 'a', iat: NOW });
    expect(await reasonOf(v, t)).toBe('bad_signature');
    expect(await reasonOf(v, t)).toBe('bad_signature');
    expect(v.cache.size).toBe(0);
  });

  it('should be bounded, evicting the least recently used', async () => {
    const v = verifier({ cacheSize: 3 });
    const tokens = await Promise.all([0, 1, 2, 3, 4].map((i) => token({ jti: `t${i}` })));
    const viewers = [];
    for (const t of tokens.slice(0, 3)) viewers.push(await v.verify(t));
    expect(await v.verify(tokens[0]!)).toBe(viewers[0]); // t0 is now the most recent
    await v.verify(tokens[3]!); // evicts t1
    await v.verify(tokens[4]!); // evicts t2
    expect(v.cache.size).toBe(3);
    expect(await v.verify(tokens[0]!)).toBe(viewers[0]);
    expect(await v.verify(tokens[1]!)).not.toBe(viewers[1]);
  });

  it('should hold at most the default 10,000 entries', async () => {
    const v = verifier();
    const base = await token();
    for (let i = 0; i < 10_050; i++) await v.verify(await token({ jti: `j${i}` }));
    expect(v.cache.size).toBe(10_000);
    await expect(v.verify(base)).resolves.toBeDefined();
  }, 30_000);

  it('should cache nothing when the size is 0', async () => {
    const v = verifier({ cacheSize: 0 });
    const t = await token();
    expect(await v.verify(t)).not.toBe(await v.verify(t));
    expect(v.cache.size).toBe(0);
  });
});
