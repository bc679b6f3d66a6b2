import { MemoryReplayCache } from '../../support/memory-replay-cache';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTHeaderParameters,
} from 'jose';
import type { DataSource } from 'typeorm';
import { JwksFetchError } from '../../../src/auth/jwks-fetch-error';
import { JwksKeyStore, usableKeys } from '../../../src/auth/jwks-key-store';
import { jwksOutageLog } from '../../../src/auth/jwks-outage-log';
import { TokenRejectedError } from '../../../src/auth/token-rejected';
import { TokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';
import { UnauthenticatedError } from '../../../src/errors/errors';
import { createContextFactory } from '../../../src/request/context-factory';
import type { Logger } from '../../../src/log/logger';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const NOW = 1_800_000_000;
const ALGS = ['EdDSA', 'ES256', 'RS256', 'PS256'] as const;

interface Listener {
  server: Server;
  url: string;
  hits: string[];
}

/** A local HTTP server counting requests; `respond` decides what each one gets. */
async function listen(
  respond: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Listener> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    respond(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, hits };
}

const close = (l: Listener) =>
  new Promise<void>((resolve) => {
    l.server.closeAllConnections();
    l.server.close(() => resolve());
  });

interface Pair {
  kid: string;
  alg: (typeof ALGS)[number];
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function pair(alg: (typeof ALGS)[number], kid: string, withAlg = true): Promise<Pair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', ...(withAlg ? { alg } : {}) };
  return { kid, alg, privateKey, publicKey, jwk };
}

const sign = (
  p: Pair,
  extra: Partial<JWTHeaderParameters> = {},
  claims: Record<string, unknown> = {},
) =>
  new SignJWT({ sub: 'alice', iat: NOW, exp: NOW + 3600, ...claims })
    .setProtectedHeader({ alg: p.alg, kid: p.kid, typ: 'JWT', ...extra })
    .sign(p.privateKey);

async function reasonOf(v: TokenVerifier, token: string): Promise<string> {
  try {
    await v.verify(token);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRejectedError);
    return (error as TokenRejectedError).reason;
  }
  throw new Error('expected the token to be rejected');
}

describe('TokenVerifier with a JWKS', () => {
  let jwks: Listener;
  let other: Listener;
  let served: { keys: JWK[] };
  let clock: number;
  let pairs: Record<string, Pair>;
  const jwksUrl = () => `${jwks.url}/api/auth/jwks`;
  const fetches = () => jwks.hits.filter((h) => h === '/api/auth/jwks').length;
  const verifier = (options: Partial<TokenVerifierOptions> = {}) =>
    new TokenVerifier({
      secret: SECRET,
      maxTtlSeconds: 86_400,
      now: () => clock,
      jwksUrl: jwksUrl(),
      ...options,
    });

  beforeAll(async () => {
    pairs = {};
    for (const alg of ALGS) pairs[alg] = await pair(alg, `kid-${alg}`);
  });

  beforeEach(async () => {
    clock = NOW * 1000;
    served = { keys: Object.values(pairs).map((p) => p.jwk) };
    jwks = await listen((req, res) => {
      if (req.url === '/hang') return; // never answers
      if (req.url === '/big') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [], pad: 'x'.repeat(100_000) }));
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(served));
    });
    other = await listen((_req, res) => res.end(JSON.stringify(served)));
  });

  afterEach(async () => {
    await close(jwks);
    await close(other);
  });

  it.each(ALGS)('should accept an %s token signed by a key in the set', async (alg) => {
    const viewer = await verifier().verify(await sign(pairs[alg]!));
    expect(viewer).toMatchObject({ id: 'alice', issuedAt: NOW, expiresAt: NOW + 3600 });
    expect(fetches()).toBe(1);
  });

  it('should accept a key without alg when its type fits (RSA for PS256)', async () => {
    const p = await pair('PS256', 'no-alg', false);
    served.keys = [p.jwk];
    await expect(verifier().verify(await sign(p))).resolves.toMatchObject({ id: 'alice' });
  });

  it('should fetch once for many tokens', async () => {
    const v = verifier();
    for (const alg of ALGS) await v.verify(await sign(pairs[alg]!));
    expect(fetches()).toBe(1);
  });

  it('should refetch at once for an unknown kid and accept the rotated-in key', async () => {
    const v = verifier();
    await v.verify(await sign(pairs.EdDSA!));
    const next = await pair('EdDSA', 'kid-next');
    served.keys = [...served.keys, next.jwk];
    clock += 5_000; // the cooldown, and not a moment more: no 401 window after a rotation
    await expect(v.verify(await sign(next))).resolves.toMatchObject({ id: 'alice' });
    expect(fetches()).toBe(2);
    await v.verify(await sign(next, {}, { jti: 'again' }));
    expect(fetches()).toBe(2);
  });

  it('should fetch once for a burst of tokens naming the same new kid', async () => {
    const v = verifier();
    await v.verify(await sign(pairs.EdDSA!));
    const next = await pair('ES256', 'kid-burst');
    served.keys = [next.jwk];
    clock += 10_000;
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sign(next, {}, { jti: `b${i}` })),
    );
    await Promise.all(tokens.map((t) => expect(v.verify(t)).resolves.toBeDefined()));
    expect(fetches()).toBe(2);
  });

  it('should fetch at most once per cooldown however many garbage kids arrive', async () => {
    const v = verifier();
    await v.verify(await sign(pairs.EdDSA!));
    expect(fetches()).toBe(1);
    const garbage = (i: number) => sign(pairs.EdDSA!, { kid: `garbage-${i}` });
    for (let i = 0; i < 30; i++) expect(await reasonOf(v, await garbage(i))).toBe('unknown_kid');
    expect(fetches()).toBe(1);
    clock += 4_999;
    expect(await reasonOf(v, await garbage(50))).toBe('unknown_kid');
    expect(fetches()).toBe(1);
    clock += 1;
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => garbage(100 + i)));
    await Promise.all(burst.map(async (t) => expect(await reasonOf(v, t)).toBe('unknown_kid')));
    for (let i = 0; i < 30; i++) await reasonOf(v, await garbage(200 + i));
    expect(fetches()).toBe(2);
    clock += 5_000;
    for (let i = 0; i < 30; i++) await reasonOf(v, await garbage(300 + i));
    expect(fetches()).toBe(3);
  });

  it('should fetch only once for a burst of garbage kids on a cold start', async () => {
    const v = verifier();
    const tokens = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sign(pairs.ES256!, { kid: `cold-${i}` })),
    );
    await Promise.all(tokens.map(async (t) => expect(await reasonOf(v, t)).toBe('unknown_kid')));
    expect(fetches()).toBe(1);
  });

  it('should refuse a removed key as soon as a refetch no longer lists it', async () => {
    const v = verifier();
    const old = pairs.EdDSA!;
    const cachedToken = await sign(old);
    await v.verify(cachedToken);
    const next = await pair('EdDSA', 'kid-next');
    served.keys = [next.jwk];
    clock += 6_000;
    await v.verify(await sign(next)); // the refetch that drops the old key
    expect(fetches()).toBe(2);
    expect(await reasonOf(v, await sign(old, {}, { jti: 'after-removal' }))).toBe('unknown_kid');
    expect(await reasonOf(v, cachedToken)).toBe('unknown_kid'); // the cache does not outlive it
  });

  it('should honour a removed key only until the set is due for a refetch (5 min)', async () => {
    const v = verifier();
    const cachedToken = await sign(pairs.EdDSA!);
    await v.verify(cachedToken);
    served.keys = []; // removed at the auth server; nothing here has asked yet
    clock += 5 * 60_000 - 1;
    await expect(v.verify(cachedToken)).resolves.toBeDefined();
    await expect(v.verify(await sign(pairs.EdDSA!, {}, { jti: 'fresh' }))).resolves.toBeDefined();
    expect(fetches()).toBe(1);
    clock += 1;
    expect(await reasonOf(v, cachedToken)).toBe('unknown_kid');
    expect(fetches()).toBe(2);
  });

  it('should refuse HS256 signed with the public key (PEM or JWK bytes) as the HMAC secret', async () => {
    const v = verifier();
    for (const alg of ALGS) {
      const p = pairs[alg]!;
      const secrets = [
        new TextEncoder().encode(await exportSPKI(p.publicKey)),
        new TextEncoder().encode(JSON.stringify(p.jwk)),
        Buffer.from(String(p.jwk.x ?? p.jwk.n), 'base64url'),
      ];
      for (const secret of secrets) {
        const token = await new SignJWT({ sub: 'mallory', iat: NOW, exp: NOW + 3600 })
          .setProtectedHeader({ alg: 'HS256', kid: p.kid })
          .sign(secret);
        expect(await reasonOf(v, token)).toBe('bad_signature');
      }
    }
    expect(fetches()).toBe(0);
  });

  it.each(['HS384', 'HS512'])('should refuse %s even with a JWKS kid', async (alg) => {
    const token = await new SignJWT({ sub: 'mallory', iat: NOW, exp: NOW + 3600 })
      .setProtectedHeader({ alg, kid: 'kid-EdDSA' })
      .sign(new TextEncoder().encode(SECRET));
    expect(await reasonOf(verifier(), token)).toBe('alg_not_allowed');
  });

  it('should refuse an RS256 token whose kid names an EdDSA key', async () => {
    const token = await sign(pairs.RS256!, { kid: 'kid-EdDSA' });
    expect(await reasonOf(verifier(), token)).toBe('alg_not_allowed');
  });

  it('should refuse a PS256 token when the JWK says RS256', async () => {
    const token = await sign(pairs.PS256!, { kid: 'kid-RS256' });
    expect(await reasonOf(verifier(), token)).toBe('alg_not_allowed');
  });

  it('should refuse a token signed by another key under a known kid', async () => {
    const impostor = await pair('EdDSA', 'kid-EdDSA');
    expect(await reasonOf(verifier(), await sign(impostor))).toBe('bad_signature');
  });

  it('should refuse an asymmetric token without a kid before fetching', async () => {
    const p = pairs.EdDSA!;
    const token = await new SignJWT({ sub: 'alice', iat: NOW, exp: NOW + 3600 })
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(p.privateKey);
    expect(await reasonOf(verifier(), token)).toBe('malformed');
    expect(fetches()).toBe(0);
  });

  it.each(['jku', 'x5u'])('should never follow %s from the header', async (name) => {
    const token = await sign(pairs.EdDSA!, { kid: 'unknown', [name]: `${other.url}/keys` });
    expect(await reasonOf(verifier(), token)).toBe('forbidden_header');
    expect(other.hits).toEqual([]);
    expect(fetches()).toBe(0);
  });

  it('should refuse an embedded jwk header', async () => {
    const token = await sign(pairs.EdDSA!, { jwk: pairs.EdDSA!.jwk });
    expect(await reasonOf(verifier(), token)).toBe('forbidden_header');
  });

  it.each(ALGS)('should refuse %s when no JWKS is configured', async (alg) => {
    const v = verifier({ jwksUrl: undefined });
    expect(await reasonOf(v, await sign(pairs[alg]!))).toBe('alg_not_allowed');
    expect(fetches()).toBe(0);
  });

  it('should apply the claim rules to JWKS tokens', async () => {
    const v = verifier({ issuer: 'https://auth.example' });
    expect(await reasonOf(v, await sign(pairs.EdDSA!, {}, { iss: 'https://evil.example' }))).toBe(
      'bad_issuer',
    );
    const expired = await sign(
      pairs.EdDSA!,
      {},
      {
        iss: 'https://auth.example',
        iat: NOW - 7200,
        exp: NOW - 3600,
      },
    );
    expect(await reasonOf(v, expired)).toBe('expired');
    expect(await reasonOf(v, await sign(pairs.EdDSA!, { typ: 'dpop+jwt' }, { iss: 'x' }))).toBe(
      'forbidden_header',
    );
  });

  it('should refuse, not throw, when the JWKS server is down, and log it as jwks_unreachable', async () => {
    const down = await listen(() => undefined);
    const url = `${down.url}/api/auth/jwks`;
    await close(down);
    const errors: unknown[] = [];
    const store = new JwksKeyStore({ url, now: () => clock, onFetchError: (e) => errors.push(e) });
    const v = verifier({ keyStore: store });
    const token = await sign(pairs.EdDSA!);
    expect(await reasonOf(v, token)).toBe('jwks_unreachable');
    expect(errors).toHaveLength(1);

    const warn = jest.fn();
    const log = { warn, child: () => log } as unknown as Logger;
    const context = createContextFactory({
      verifier: v,
      dataSource: {} as DataSource,
      keyBinding: {
        required: false,
        maxAgeSeconds: 60,
        clockToleranceSeconds: 30,
        replay: new MemoryReplayCache(),
      },
    });
    await expect(
      context({ authorization: [`Bearer ${token}`], ip: '127.0.0.1', log }),
    ).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'auth_failure', reason: 'jwks_unreachable' }),
      'token rejected',
    );
  });

  it('should keep the cached keys when a later fetch fails', async () => {
    const v = verifier();
    await v.verify(await sign(pairs.EdDSA!));
    served = { keys: [] };
    await close(jwks);
    clock += 11 * 60_000; // the set is stale: refetch, which fails
    await expect(v.verify(await sign(pairs.EdDSA!, {}, { jti: 'later' }))).resolves.toBeDefined();
    jwks = await listen((_req, res) => res.end('{}')); // for afterEach
  });

  it('should give up on a JWKS that does not answer within the timeout', async () => {
    const errors: unknown[] = [];
    const store = new JwksKeyStore({
      url: `${jwks.url}/hang`,
      timeoutMs: 200,
      onFetchError: (e) => errors.push(e),
    });
    const v = verifier({ keyStore: store });
    expect(await reasonOf(v, await sign(pairs.EdDSA!))).toBe('jwks_unreachable');
    expect(errors).toHaveLength(1);
  });

  it('should refuse a JWKS larger than the size cap', async () => {
    const errors: unknown[] = [];
    const store = new JwksKeyStore({ url: `${jwks.url}/big`, onFetchError: (e) => errors.push(e) });
    expect(await reasonOf(verifier({ keyStore: store }), await sign(pairs.EdDSA!))).toBe(
      'jwks_invalid',
    );
    expect(String(errors[0])).toMatch(/too large/);
  });

  it.each([
    ['/not-found', 'jwks_unreachable'],
    ['/html', 'jwks_invalid'],
    ['/no-keys', 'jwks_invalid'],
  ])('should name why the set at %s could not be had: %s', async (path, reason) => {
    const odd = await listen((req, res) => {
      if (req.url === '/not-found') res.statusCode = 404;
      res.end(req.url === '/no-keys' ? '{"keys":"none"}' : '<!doctype html><p>sign in</p>');
    });
    try {
      const errors: JwksFetchError[] = [];
      const store = new JwksKeyStore({
        url: `${odd.url}${path}`,
        onFetchError: (e) => errors.push(e),
      });
      expect(await reasonOf(verifier({ keyStore: store }), await sign(pairs.EdDSA!))).toBe(reason);
      expect(errors.map((e) => e.reason)).toEqual([reason]);
    } finally {
      await close(odd);
    }
  });

  it('should log one line per outage with the URL, however many fetches fail, and one when it is back', async () => {
    const error = jest.fn();
    const info = jest.fn();
    const log = { error, info } as unknown as Logger;
    const url = `http://user:pw@127.0.0.1:1/api/auth/jwks?x=secret`;
    const outage = jwksOutageLog(log, url);
    for (let i = 0; i < 5; i++)
      outage.onFetchError(new JwksFetchError('jwks_unreachable', 'refused'));
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      expect.objectContaining({
        event: 'jwks_unavailable',
        reason: 'jwks_unreachable',
        url: 'http://127.0.0.1:1/api/auth/jwks',
      }),
      expect.any(String),
    );
    outage.onFetched();
    outage.onFetched();
    expect(info).toHaveBeenCalledTimes(1);
    expect(info).toHaveBeenCalledWith(
      expect.objectContaining({ event: 'jwks_available' }),
      expect.any(String),
    );
    outage.onFetchError(new JwksFetchError('jwks_invalid', 'not JSON'));
    expect(error).toHaveBeenCalledTimes(2);
    expect(error.mock.calls[1]![0]).toMatchObject({ reason: 'jwks_invalid' });
  });

  it('should keep verifying tokens of known keys through an outage', async () => {
    const v = verifier();
    const known = await sign(pairs.ES256!);
    await v.verify(known);
    await close(jwks);
    clock += 60_000;
    await expect(v.verify(await sign(pairs.ES256!, {}, { jti: 'during' }))).resolves.toBeDefined();
    expect(await reasonOf(v, await sign(pairs.ES256!, { kid: 'new' }))).toBe('jwks_unreachable');
    clock += 5 * 60_000; // due for a refetch, which fails: the known keys stay
    await expect(v.verify(known)).resolves.toBeDefined();
    expect(await reasonOf(v, await sign(pairs.ES256!, { kid: 'newer' }))).toBe('jwks_unreachable');
    jwks = await listen((_req, res) => res.end('{}')); // for afterEach
  });

  it('should refuse HS256 altogether in JWKS-only mode, and need no secret', async () => {
    const v = verifier({ secret: undefined, jwksOnly: true });
    await expect(v.verify(await sign(pairs.EdDSA!))).resolves.toMatchObject({ id: 'alice' });
    const hs256 = await new SignJWT({ sub: 'alice', iat: NOW, exp: NOW + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    expect(await reasonOf(verifier({ jwksOnly: true }), hs256)).toBe('alg_not_allowed');
    await expect(verifier().verify(hs256)).resolves.toMatchObject({ id: 'alice' });
    expect(() => verifier({ secret: undefined })).toThrow(TypeError);
    expect(() => verifier({ jwksOnly: true, jwksUrl: undefined })).toThrow(TypeError);
  });

  it('should ignore keys with private members', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { extractable: true });
    const leaked = { ...(await exportJWK(privateKey)), kid: 'kid-EdDSA', alg: 'EdDSA' };
    served.keys = [leaked];
    expect(await reasonOf(verifier(), await sign(pairs.EdDSA!))).toBe('unknown_kid');
  });
});

describe('usableKeys', () => {
  it('should keep only public OKP, EC and RSA signing keys with a kid', () => {
    const keys = usableKeys({
      keys: [
        { kty: 'OKP', crv: 'Ed25519', x: 'AA', kid: 'ok' },
        { kty: 'oct', k: 'c2VjcmV0', kid: 'sym' },
        { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA', d: 'AA', kid: 'private' },
        { kty: 'RSA', n: 'AA', e: 'AQAB' },
        { kty: 'RSA', n: 'AA', e: 'AQAB', kid: 'enc', use: 'enc' },
        { kty: 'RSA', n: 'AA', e: 'AQAB', kid: 'hs', alg: 'HS256' },
        { kty: 'OKP', crv: 'Ed25519', x: 'BB', kid: 'ok' },
        'junk',
      ],
    });
    expect([...keys.keys()]).toEqual(['ok']);
    expect(keys.get('ok')!.x).toBe('AA');
  });

  it('should refuse a body without a keys array', () => {
    expect(() => usableKeys({})).toThrow(JwksFetchError);
    expect(() => usableKeys(null)).toThrow(JwksFetchError);
  });
});
