import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { legacyRevocationKeyOf } from '../../../src/auth/revocation-key';
import { respelledTokens } from '../../support/base64url-spellings';
import { TEST_TARGETS } from '../../support/test-database';
import { TEST_SECRET, startTestServer, type TestServer } from '../../support/test-server';

const now = () => Math.floor(Date.now() / 1000);

/** A Better Auth token as its JWT plugin signs them by default: no jti. */
function withoutJti(sub: string, name: string) {
  return new SignJWT({ name })
    .setSubject(sub)
    .setIssuedAt(now())
    .setExpirationTime(now() + 600);
}

/** A payload claim padded until the payload's last character has unused bits to re-spell. */
async function respellable(sign: (name: string) => Promise<string>): Promise<string> {
  for (let name = ''; ; name += 'x') {
    const token = await sign(name);
    if (respelledTokens(token, 1).length > 0) return token;
  }
}

describe.each(TEST_TARGETS)('re-spelled tokens on $name', (target) => {
  let server: TestServer;
  let jwks: Server;
  let edKey: CryptoKey;
  let seq = 0;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    edKey = privateKey;
    const jwk = { ...(await exportJWK(publicKey)), kid: 'ed-1', alg: 'EdDSA', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    server = await startTestServer(target, {
      BETTER_AUTH_JWKS_URL: `http://127.0.0.1:${port}/api/auth/jwks`,
    });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const status = async (token: string, query = '{ me { id } }') =>
    (await server.post({ query }, { authorization: `Bearer ${token}` })).status;

  const signers = {
    HS256: (sub: string) => (name: string) =>
      withoutJti(sub, name)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .sign(new TextEncoder().encode(TEST_SECRET)),
    EdDSA: (sub: string) => (name: string) =>
      withoutJti(sub, name).setProtectedHeader({ alg: 'EdDSA', kid: 'ed-1' }).sign(edKey),
  };

  describe.each([
    ['HS256', 3],
    ['EdDSA', 15],
  ] as const)('a %s token without jti', (alg, alternatives) => {
    it('should stay refused after logout in every other spelling of its signature', async () => {
      const token = await signers[alg](`user-spell-${alg}-${(seq += 1)}`)('');
      const respelled = respelledTokens(token, 2);
      expect(respelled).toHaveLength(alternatives);
      expect(await status(token)).toBe(200);
      expect(await status(token, 'mutation { revokeCurrentToken }')).toBe(200);
      expect(await status(token)).toBe(401);
      for (const other of respelled) expect(await status(other)).toBe(401);
    });

    it('should refuse any part spelled other than canonically, even before logout', async () => {
      const token = await respellable(signers[alg](`user-spell-${alg}-${(seq += 1)}`));
      const respelled = [...respelledTokens(token, 1), ...respelledTokens(token, 2)];
      expect(respelled.length).toBeGreaterThan(alternatives);
      for (const other of respelled) expect(await status(other)).toBe(401);
      expect(await status(token)).toBe(200);
    });

    it('should stay refused when its logout was recorded under the previous key', async () => {
      const sub = `user-spell-${alg}-${(seq += 1)}`;
      const token = await signers[alg](sub)('');
      expect(await status(token)).toBe(200);
      // As an instance of the previous release wrote it: a hash of the whole text.
      await server.app.database.dataSource.query(
        `INSERT INTO revoked_tokens (user_id, token_id, expires_at)
         VALUES ($1, $2, now() + interval '1 hour')`,
        [sub, legacyRevocationKeyOf(token)],
      );
      expect(await status(token)).toBe(401);
    });
  });
});
