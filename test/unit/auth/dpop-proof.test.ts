import { createHmac } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { verifyDpopProof, type DpopCheck } from '../../../src/auth/dpop/dpop-proof';
import { DpopRejectedError } from '../../../src/auth/dpop/dpop-rejected';
import { createDpopProof, dpopKeyFrom, type DpopKey } from '../../../src/auth/dpop/dpop-signer';
import { MemoryReplayCache } from '../../support/memory-replay-cache';

const URL_ = 'https://api.example.com/graphql';
const TOKEN = 'header.payload.signature';
const NOW = 1_800_000_000;

async function newKey(alg = 'ES256'): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return dpopKeyFrom(privateKey, publicKey);
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DpopRejectedError) return error.reason;
    throw error;
  }
  return 'accepted';
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('verifyDpopProof', () => {
  let key: DpopKey;
  let replay: MemoryReplayCache;
  const policy = () => ({
    replay,
    maxAgeSeconds: 60,
    clockToleranceSeconds: 5,
    now: () => NOW * 1000,
  });
  const check = (proofs: string[] | undefined, extra: Partial<DpopCheck> = {}): DpopCheck => ({
    proofs,
    method: 'POST',
    urls: [URL_],
    accessToken: TOKEN,
    jkt: key.jkt,
    ...extra,
  });
  const proof = (overrides: Partial<Parameters<typeof createDpopProof>[1]> = {}, k = key) =>
    createDpopProof(k, { htm: 'POST', htu: URL_, accessToken: TOKEN, iat: NOW, ...overrides });

  beforeAll(async () => {
    key = await newKey();
  });
  beforeEach(() => {
    replay = new MemoryReplayCache();
  });

  it.each(['ES256', 'EdDSA', 'RS256', 'PS256'])('should accept a valid %s proof', async (alg) => {
    const k = await newKey(alg);
    const p = await proof({ alg }, k);
    expect(await reasonOf(verifyDpopProof(check([p], { jkt: k.jkt }), policy()))).toBe('accepted');
  });

  it('should accept a proof whose htu differs only by query, host case or default port', async () => {
    const p = await proof({ htu: 'https://API.example.com:443/graphql?x=1' });
    expect(await reasonOf(verifyDpopProof(check([p]), policy()))).toBe('accepted');
  });

  it('should refuse a missing proof and two proofs', async () => {
    const p = await proof();
    expect(await reasonOf(verifyDpopProof(check(undefined), policy()))).toBe('dpop_missing');
    expect(await reasonOf(verifyDpopProof(check([p, p]), policy()))).toBe('dpop_duplicate');
  });

  it('should refuse a replayed proof', async () => {
    const p = await proof();
    expect(await reasonOf(verifyDpopProof(check([p]), policy()))).toBe('accepted');
    expect(await reasonOf(verifyDpopProof(check([p]), policy()))).toBe('dpop_replay');
  });

  it('should refuse a proof for another method or URL', async () => {
    expect(await reasonOf(verifyDpopProof(check([await proof({ htm: 'GET' })]), policy()))).toBe(
      'dpop_wrong_htm',
    );
    const other = await proof({ htu: 'https://api.example.com/other' });
    expect(await reasonOf(verifyDpopProof(check([other]), policy()))).toBe('dpop_wrong_htu');
    const evil = await proof({ htu: 'https://evil.example.com/graphql' });
    expect(await reasonOf(verifyDpopProof(check([evil]), policy()))).toBe('dpop_wrong_htu');
  });

  it('should accept an htu naming any of the URLs given, and none when none is', async () => {
    const p = await proof({ htu: 'http://localhost:4000/graphql' });
    const urls = ['http://127.0.0.1:4000/graphql', 'http://localhost:4000/graphql'];
    expect(await reasonOf(verifyDpopProof(check([p], { urls }), policy()))).toBe('accepted');
    const again = await proof({ htu: 'http://localhost:4000/graphql' });
    expect(await reasonOf(verifyDpopProof(check([again], { urls: [] }), policy()))).toBe(
      'dpop_no_public_url',
    );
  });

  it('should refuse a proof made for another access token', async () => {
    const p = await proof({ accessToken: 'another.token.value' });
    expect(await reasonOf(verifyDpopProof(check([p]), policy()))).toBe('dpop_wrong_ath');
  });

  it('should refuse stale and future proofs', async () => {
    expect(await reasonOf(verifyDpopProof(check([await proof({ iat: NOW - 61 })]), policy()))).toBe(
      'dpop_stale',
    );
    expect(await reasonOf(verifyDpopProof(check([await proof({ iat: NOW + 30 })]), policy()))).toBe(
      'dpop_stale',
    );
  });

  it('should refuse a proof signed by another key than the token is bound to', async () => {
    const other = await newKey();
    expect(await reasonOf(verifyDpopProof(check([await proof({}, other)]), policy()))).toBe(
      'dpop_wrong_key',
    );
  });

  it('should refuse a proof with a private key, a wrong typ, an HMAC alg or a jku header', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    const payload = b64({ htm: 'POST', htu: URL_, jti: 'x', iat: NOW });
    for (const header of [
      { alg: 'ES256', typ: 'dpop+jwt', jwk: privateJwk },
      { alg: 'ES256', typ: 'JWT', jwk: key.publicJwk },
      { alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk, jku: 'http://127.0.0.1:1/' },
    ]) {
      const forged = `${b64(header)}.${payload}.${'A'.repeat(86)}`;
      expect(await reasonOf(verifyDpopProof(check([forged]), policy()))).toBe('dpop_malformed');
    }
    const hsHeader = b64({ alg: 'HS256', typ: 'dpop+jwt', jwk: key.publicJwk });
    const mac = createHmac('sha256', JSON.stringify(key.publicJwk))
      .update(`${hsHeader}.${payload}`)
      .digest('base64url');
    expect(
      await reasonOf(verifyDpopProof(check([`${hsHeader}.${payload}.${mac}`]), policy())),
    ).toBe('dpop_bad_signature');
  });

  it('should refuse a tampered proof', async () => {
    const [h, , s] = (await proof()).split('.');
    const tampered = `${h}.${b64({ htm: 'POST', htu: URL_, jti: 'y', iat: NOW })}.${s}`;
    expect(await reasonOf(verifyDpopProof(check([tampered]), policy()))).toBe('dpop_bad_signature');
  });
});

describe('verifyDpopProof replay window', () => {
  const MAX_AGE = 60;
  const TOLERANCE = 30;
  let key: DpopKey;
  let clock: number;
  let replay: MemoryReplayCache;
  const policy = () => ({
    replay,
    maxAgeSeconds: MAX_AGE,
    clockToleranceSeconds: TOLERANCE,
    now: () => clock,
  });
  const use = (p: string) =>
    reasonOf(
      verifyDpopProof(
        { proofs: [p], method: 'POST', urls: [URL_], accessToken: TOKEN, jkt: key.jkt },
        policy(),
      ),
    );

  beforeAll(async () => {
    key = await newKey();
  });
  beforeEach(() => {
    clock = NOW * 1000;
    replay = new MemoryReplayCache(() => clock);
  });

  it('should refuse a fast-clock proof replayed at the last moment it is still accepted', async () => {
    const p = await createDpopProof(key, {
      htm: 'POST',
      htu: URL_,
      accessToken: TOKEN,
      iat: NOW + TOLERANCE,
    });
    expect(await use(p)).toBe('accepted');
    // The last accepted moment: the server's whole second equals iat + max age.
    clock = (NOW + TOLERANCE + MAX_AGE) * 1000 + 999;
    expect(await use(p)).toBe('dpop_replay');
    clock += 1;
    expect(await use(p)).toBe('dpop_stale');
  });

  it('should remember a proof only as long as it could be accepted', async () => {
    const ttls: number[] = [];
    const recording = new MemoryReplayCache(() => clock);
    replay = Object.assign(recording, {
      firstSeen: (k: string, ttl: number) => {
        ttls.push(ttl);
        return MemoryReplayCache.prototype.firstSeen.call(recording, k, ttl);
      },
    });
    clock = NOW * 1000 + 400;
    for (const iat of [NOW + TOLERANCE, NOW, NOW - MAX_AGE]) {
      expect(
        await use(await createDpopProof(key, { htm: 'POST', htu: URL_, accessToken: TOKEN, iat })),
      ).toBe('accepted');
    }
    expect(ttls).toEqual([TOLERANCE + MAX_AGE + 1, MAX_AGE + 1, 1]);
  });
});
