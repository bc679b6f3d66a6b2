import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { TokenRejectedError } from '../../../src/auth/token-rejected';
import { signToken } from '../../../src/auth/token-signer';
import { TokenVerifier, type TokenVerifierOptions } from '../../../src/auth/token-verifier';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const NOW = 1_800_000_000;
const MAX_TTL = 86_400;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A token built by hand, HMAC-signed with the right secret so only the rule under test fails. */
function handmade(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
  hash = 'sha256',
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac(hash, SECRET).update(input).digest('base64url')}`;
}

const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'alice',
  iat: NOW,
  exp: NOW + 3600,
  ...extra,
});

const without = (key: string) => {
  const { [key]: _, ...rest } = claims() as Record<string, unknown>;
  return rest;
};

function verifier(options: Partial<TokenVerifierOptions> = {}): TokenVerifier {
  return new TokenVerifier({
    secret: SECRET,
    maxTtlSeconds: MAX_TTL,
    now: () => NOW * 1000,
    ...options,
  });
}

async function reasonOf(token: unknown, v = verifier()): Promise<string> {
  try {
    await v.verify(token as string);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRejectedError);
    return (error as TokenRejectedError).reason;
  }
  throw new Error('expected the token to be rejected');
}

describe('TokenVerifier', () => {
  describe('a valid token', () => {
    it('should produce the Viewer from its claims', async () => {
      const token = await signToken(SECRET, {
        sub: 'alice',
        email: 'alice@example.com',
        name: 'Alice',
        scope: 'tasks:read tasks:write',
        jti: 'token-1',
        iat: NOW,
        ttlSeconds: 900,
      });
      const viewer = await verifier().verify(token);
      expect(viewer).toEqual({
        id: 'alice',
        email: 'alice@example.com',
        name: 'Alice',
        scopes: new Set(['tasks:read', 'tasks:write']),
        boundKey: null,
        tokenId: 'token-1',
        issuedAt: NOW,
        expiresAt: NOW + 900,
      });
    });

    it('should accept a hand-built token so the handmade rejections below are meaningful', async () => {
      await expect(verifier().verify(handmade(claims()))).resolves.toMatchObject({ id: 'alice' });
    });

    it('should give null email and name when absent', async () => {
      const viewer = await verifier().verify(handmade(claims()));
      expect(viewer.email).toBeNull();
      expect(viewer.name).toBeNull();
    });
  });

  describe('algorithm', () => {
    it.each(['none', 'None', 'NONE', 'nOnE'])(
      'should reject alg %s with an empty signature',
      async (alg) => {
        const token = `${b64({ alg, typ: 'JWT' })}.${b64(claims())}.`;
        expect(await reasonOf(token)).toBe('alg_not_allowed');
      },
    );

    it('should reject a header without alg', async () => {
      expect(await reasonOf(handmade(claims(), { typ: 'JWT' }))).toBe('alg_not_allowed');
    });

    it.each(['HS384', 'HS512'])(
      'should reject %s even when signed with the right secret',
      async (alg) => {
        const token = await new SignJWT(claims())
          .setProtectedHeader({ alg, typ: 'JWT' })
          .sign(new TextEncoder().encode(SECRET));
        expect(await reasonOf(token)).toBe('alg_not_allowed');
        const hash = alg === 'HS384' ? 'sha384' : 'sha512';
        expect(await reasonOf(handmade(claims(), { alg }, hash))).toBe('alg_not_allowed');
      },
    );

    it.each(['RS256', 'ES256', 'PS256', 'EdDSA'])('should reject an %s token', async (alg) => {
      const { privateKey } = await generateKeyPair(alg);
      const token = await new SignJWT(claims()).setProtectedHeader({ alg }).sign(privateKey);
      expect(await reasonOf(token)).toBe('alg_not_allowed');
    });
  });

  describe('signature', () => {
    it('should reject a stripped signature', async () => {
      const token = handmade(claims());
      expect(await reasonOf(token.slice(0, token.lastIndexOf('.') + 1))).toBe('bad_signature');
    });

    it('should reject a broken signature', async () => {
      const [h, p, s] = handmade(claims()).split('.') as [string, string, string];
      const broken = `${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`;
      expect(await reasonOf(`${h}.${p}.${broken}`)).toBe('bad_signature');
    });

    it('should reject a tampered payload', async () => {
      const [h, , s] = handmade(claims()).split('.');
      expect(await reasonOf(`${h}.${b64(claims({ sub: 'mallory' }))}.${s}`)).toBe('bad_signature');
    });

    it('should reject a token signed with another secret', async () => {
      const token = await signToken('another-secret-another-secret-another', {
        sub: 'alice',
        iat: NOW,
      });
      expect(await reasonOf(token)).toBe('bad_signature');
    });
  });

  describe('header parameters', () => {
    it.each([
      ['jku', 'https://attacker.example/jwks.json'],
      ['x5u', 'https://attacker.example/cert.pem'],
      ['x5c', ['MIIB']],
      ['jwk', { kty: 'oct', k: 'c2VjcmV0' }],
      ['x5t', 'abc'],
      ['x5t#S256', 'abc'],
      ['crit', ['exp']],
      ['b64', false],
    ])('should reject a %s header', async (name, value) => {
      const token = handmade(claims(), { alg: 'HS256', typ: 'JWT', [name]: value });
      expect(await reasonOf(token)).toBe('forbidden_header');
    });

    it.each(['JWT', 'jwt', 'at+jwt', 'AT+JWT', 'application/at+jwt', 'application/jwt'])(
      'should accept typ %s',
      async (typ) => {
        await expect(
          verifier().verify(handmade(claims(), { alg: 'HS256', typ })),
        ).resolves.toBeDefined();
      },
    );

    it.each(['JOSE', 'dpop+jwt', 'secevent+jwt', 42])('should reject typ %s', async (typ) => {
      expect(await reasonOf(handmade(claims(), { alg: 'HS256', typ }))).toBe('forbidden_header');
    });

    it('should accept a header without typ', async () => {
      await expect(verifier().verify(handmade(claims(), { alg: 'HS256' }))).resolves.toBeDefined();
    });
  });

  describe('serialisation', () => {
    it('should reject a JWE-shaped five-part token', async () => {
      const jwe = `${b64({ alg: 'dir', enc: 'A256GCM' })}..aXY.Y2lwaGVy.dGFn`;
      expect(await reasonOf(jwe)).toBe('malformed');
    });

    it('should reject the JSON serialisation', async () => {
      const [h, p, s] = handmade(claims()).split('.');
      expect(await reasonOf(JSON.stringify({ protected: h, payload: p, signature: s }))).toBe(
        'malformed',
      );
    });

    it.each([
      ['two parts', 'abc.def'],
      ['four parts', 'a.b.c.d'],
      ['an empty string', ''],
      ['standard base64 characters', `${b64({ alg: 'HS256' })}.ab+/.c`],
      ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
      ['a header that is an array', `${b64(['HS256'])}.e30.c2ln`],
      ['a header that is null', `${b64(null)}.e30.c2ln`],
    ])('should reject %s', async (_, token) => {
      expect(await reasonOf(token)).toBe('malformed');
    });

    it('should reject a payload that is not a JSON object', async () => {
      const input = `${b64({ alg: 'HS256' })}.${b64([1, 2])}`;
      const token = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
      expect(await reasonOf(token)).toBe('malformed');
    });

    it('should reject a non-string token', async () => {
      expect(await reasonOf(undefined)).toBe('malformed');
      expect(await reasonOf(42)).toBe('malformed');
    });

    it('should reject an oversized token before any parsing', async () => {
      expect(await reasonOf('a'.repeat(8193))).toBe('too_large');
    });

    it('should reject an oversized token even when validly signed', async () => {
      expect(await reasonOf(handmade(claims({ name: 'x'.repeat(9000) })))).toBe('too_large');
    });
  });

  describe('time claims', () => {
    it('should reject an expired token', async () => {
      expect(await reasonOf(handmade(claims({ iat: NOW - 3600, exp: NOW - 31 })))).toBe('expired');
    });

    it('should accept a token expired within the clock tolerance', async () => {
      const viewer = await verifier().verify(handmade(claims({ iat: NOW - 3600, exp: NOW - 10 })));
      expect(viewer.expiresAt).toBe(NOW - 10);
    });

    it('should honour a custom clock tolerance', async () => {
      const token = handmade(claims({ iat: NOW - 3600, exp: NOW - 10 }));
      expect(await reasonOf(token, verifier({ clockToleranceSeconds: 0 }))).toBe('expired');
    });

    it('should reject a token without exp', async () => {
      expect(await reasonOf(handmade(without('exp')))).toBe('missing_claim');
    });

    it.each([['9999999999'], [null], [true]])(
      'should reject a non-numeric exp (%p)',
      async (exp) => {
        expect(await reasonOf(handmade(claims({ exp })))).toBe('malformed');
      },
    );

    it('should reject a token without iat', async () => {
      expect(await reasonOf(handmade(without('iat')))).toBe('missing_claim');
    });

    it('should reject a non-numeric iat', async () => {
      expect(await reasonOf(handmade(claims({ iat: String(NOW) })))).toBe('malformed');
    });

    it('should reject iat 60 s in the future', async () => {
      expect(await reasonOf(handmade(claims({ iat: NOW + 60 })))).toBe('iat_in_future');
    });

    it('should accept iat 10 s in the future', async () => {
      await expect(verifier().verify(handmade(claims({ iat: NOW + 10 })))).resolves.toBeDefined();
    });

    it('should reject nbf 60 s in the future', async () => {
      expect(await reasonOf(handmade(claims({ nbf: NOW + 60 })))).toBe('not_yet_valid');
    });

    it('should accept nbf 10 s in the future', async () => {
      await expect(verifier().verify(handmade(claims({ nbf: NOW + 10 })))).resolves.toBeDefined();
    });

    it('should reject a lifetime longer than the maximum', async () => {
      expect(await reasonOf(handmade(claims({ exp: NOW + MAX_TTL + 1 })))).toBe('ttl_too_long');
    });

    it('should accept a lifetime of exactly the maximum', async () => {
      await expect(
        verifier().verify(handmade(claims({ exp: NOW + MAX_TTL }))),
      ).resolves.toBeDefined();
    });

    it('should reject an infinite exp', async () => {
      const token = handmade(claims()).split('.');
      const payload = Buffer.from(`{"sub":"alice","iat":${NOW},"exp":1e999}`).toString('base64url');
      const input = `${token[0]}.${payload}`;
      const signed = `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
      expect(await reasonOf(signed)).toBe('malformed');
    });
  });

  describe('sub', () => {
    it('should reject a token without sub', async () => {
      expect(await reasonOf(handmade(without('sub')))).toBe('missing_claim');
    });

    it.each([
      ['empty', ''],
      ['blank', '   '],
      ['256 characters', 'a'.repeat(256)],
      ['a number', 42],
      ['an object', { id: 'alice' }],
      ['null', null],
      ['a NUL character', 'ali\u0000ce'],
      ['a newline', 'alice\n'],
      ['a lone surrogate', 'alice\ud800'],
    ])('should reject a sub that is %s', async (_, sub) => {
      expect(await reasonOf(handmade(claims({ sub })))).toBe('bad_sub');
    });

    it('should accept a sub of 255 characters, counting code points', async () => {
      const sub = '😀'.repeat(255);
      await expect(verifier().verify(handmade(claims({ sub })))).resolves.toMatchObject({
        id: sub,
      });
    });
  });

  describe('scope', () => {
    it('should give full access (null) when scope is absent', async () => {
      expect((await verifier().verify(handmade(claims()))).scopes).toBeNull();
    });

    it('should grant nothing when scope is empty', async () => {
      expect((await verifier().verify(handmade(claims({ scope: '' })))).scopes).toEqual(new Set());
    });

    it('should split scopes on spaces', async () => {
      const viewer = await verifier().verify(
        handmade(claims({ scope: ' tasks:read  tasks:write ' })),
      );
      expect(viewer.scopes).toEqual(new Set(['tasks:read', 'tasks:write']));
    });

    it.each([[['tasks:read']], [42], [null], [{ tasks: true }]])(
      'should reject a scope that is not a string (%p)',
      async (scope) => {
        expect(await reasonOf(handmade(claims({ scope })))).toBe('bad_scope');
      },
    );
  });

  describe('email and name', () => {
    it.each([
      ['email', 42],
      ['email', null],
      ['email', ['a@example.com']],
      ['name', 42],
      ['name', { first: 'Alice' }],
    ])('should reject a non-string %s (%p)', async (key, value) => {
      expect(await reasonOf(handmade(claims({ [key]: value })))).toBe('malformed');
    });
  });

  describe('issuer and audience', () => {
    const strict = () => verifier({ issuer: 'https://auth.example', audience: 'task-api' });
    const good = { iss: 'https://auth.example', aud: 'task-api' };

    it('should accept the configured issuer and audience', async () => {
      await expect(strict().verify(handmade(claims(good)))).resolves.toBeDefined();
      const listed = claims({ ...good, aud: ['other', 'task-api'] });
      await expect(strict().verify(handmade(listed))).resolves.toBeDefined();
    });

    it('should reject a wrong issuer', async () => {
      expect(
        await reasonOf(handmade(claims({ ...good, iss: 'https://evil.example' })), strict()),
      ).toBe('bad_issuer');
    });

    it('should reject a wrong audience', async () => {
      expect(await reasonOf(handmade(claims({ ...good, aud: 'other-api' })), strict())).toBe(
        'bad_audience',
      );
    });

    it('should reject a missing issuer or audience when configured', async () => {
      expect(await reasonOf(handmade(claims({ aud: 'task-api' })), strict())).toBe('missing_claim');
      expect(await reasonOf(handmade(claims({ iss: good.iss })), strict())).toBe('missing_claim');
    });

    it('should ignore iss and aud when none are configured', async () => {
      await expect(
        verifier().verify(handmade(claims({ iss: 'x', aud: 'y' }))),
      ).resolves.toBeDefined();
    });
  });

  describe('fractional NumericDates (RFC 7519 §2)', () => {
    it('should accept them, with iat rounded down to the whole second', async () => {
      const viewer = await verifier().verify(
        handmade(claims({ iat: NOW + 0.75, nbf: NOW - 0.5, exp: NOW + 60.25 })),
      );
      expect(viewer).toMatchObject({ issuedAt: NOW, expiresAt: NOW + 60.25 });
    });
  });

  describe('token id', () => {
    it('should use jti as the token id', async () => {
      const viewer = await verifier().verify(handmade(claims({ jti: 'abc-123' })));
      expect(viewer.tokenId).toBe('abc-123');
    });

    it('should use the SHA-256 of the signed part when there is no jti, and keep the old key', async () => {
      const token = handmade(claims());
      const signed = token.slice(0, token.lastIndexOf('.'));
      const viewer = await verifier().verify(token);
      expect(viewer.tokenId).toBe(createHash('sha256').update(signed).digest('base64url'));
      expect(viewer.legacyTokenId).toBe(createHash('sha256').update(token).digest('base64url'));
    });

    it.each([
      ['empty', ''],
      ['256 characters', 'j'.repeat(256)],
      ['a number', 7],
    ])('should reject a jti that is %s', async (_, jti) => {
      expect(await reasonOf(handmade(claims({ jti })))).toBe('malformed');
    });
  });

  describe('key binding (cnf)', () => {
    const jkt = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

    it('should read cnf.jkt as the key the token is bound to', async () => {
      const viewer = await verifier().verify(handmade(claims({ cnf: { jkt } })));
      expect(viewer.boundKey).toBe(jkt);
    });

    it('should leave a token without cnf a plain bearer token', async () => {
      expect((await verifier().verify(handmade(claims()))).boundKey).toBeNull();
    });

    it.each([
      ['a string', jkt],
      ['an array', [jkt]],
      ['null', null],
      ['empty', {}],
      ['a short jkt', { jkt: 'abc' }],
      ['a jkt with padding', { jkt: `${jkt.slice(0, 42)}=` }],
      ['another confirmation method', { jkt, x5t: 'abc' }],
      ['only another method', { 'x5t#S256': jkt }],
    ])('should reject a cnf that is %s', async (_, cnf) => {
      expect(await reasonOf(handmade(claims({ cnf })))).toBe('malformed');
    });
  });

  describe('errors', () => {
    it('should turn a non-Error throw into a TokenRejectedError', async () => {
      const v = verifier({
        now: () => {
          throw 'not an error';
        },
      });
      expect(await reasonOf(handmade(claims()), v)).toBe('malformed');
    });

    it('should only ever reject with a TokenRejectedError on arbitrary input', async () => {
      const part = fc.string({ unit: fc.constantFrom(...'ab_-.eyJ0=+/ '.split('')) });
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string(), part), async (token) => {
          await expect(verifier().verify(token)).rejects.toBeInstanceOf(TokenRejectedError);
        }),
      );
    });
  });
});

describe('signToken', () => {
  it('should sign an HS256 JWT with typ, iat, exp and a random jti', async () => {
    const a = await signToken(SECRET, { sub: 'alice', iat: NOW, ttlSeconds: 60 });
    const b = await signToken(SECRET, { sub: 'alice', iat: NOW, ttlSeconds: 60 });
    expect(decodeProtectedHeader(a)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const viewer = await verifier().verify(a);
    expect(viewer).toMatchObject({ id: 'alice', issuedAt: NOW, expiresAt: NOW + 60, scopes: null });
    expect(viewer.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await verifier().verify(b)).tokenId).not.toBe(viewer.tokenId);
  });

  it('should default to a one-hour lifetime starting now', async () => {
    const now = Math.floor(Date.now() / 1000);
    const viewer = await verifier({ now: Date.now }).verify(
      await signToken(SECRET, { sub: 'bob' }),
    );
    expect(viewer.issuedAt).toBeGreaterThanOrEqual(now);
    expect(viewer.expiresAt - viewer.issuedAt).toBe(3600);
  });

  it('should set issuer and audience when given', async () => {
    const token = await signToken(SECRET, { sub: 'alice', iat: NOW, issuer: 'i', audience: 'a' });
    await expect(verifier({ issuer: 'i', audience: 'a' }).verify(token)).resolves.toBeDefined();
  });

  it('should refuse a non-positive lifetime', async () => {
    await expect(signToken(SECRET, { sub: 'alice', ttlSeconds: 0 })).rejects.toThrow(TypeError);
  });
});
