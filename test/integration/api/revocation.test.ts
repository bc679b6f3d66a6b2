import { SignJWT } from 'jose';
import pino from 'pino';
import { createApp } from '../../../src/server';
import { TEST_TARGETS } from '../../support/test-database';
import { TEST_SECRET } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import { createProject, ok } from '../../support/api';

const UNAUTHENTICATED = {
  errors: [
    {
      message: 'Authentication required: send a valid access token.',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};
const ME = '{ me { id } }';

const now = () => Math.floor(Date.now() / 1000);

/** POSTs a document with a bearer token to any instance. */
async function ask(url: string, token: string, query: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    wwwAuthenticate: res.headers.get('www-authenticate'),
    body: (await res.json()) as Record<string, any>,
  };
}

const refused = {
  status: 401,
  wwwAuthenticate: 'Bearer error="invalid_token"',
  body: UNAUTHENTICATED,
};
const servedAs = (id: string) => ({
  status: 200,
  wwwAuthenticate: null,
  body: { data: { me: { id } } },
});

describe.each(TEST_TARGETS)('token revocation on $name', (target) => {
  const server = useTestServer(target);

  const tokenFor = (sub: string, claims: { iat?: number; jti?: string } = {}) =>
    server.token({ sub, ...claims });

  describe('revokeCurrentToken', () => {
    it('should refuse the same token afterwards, and only that token', async () => {
      const a = await server.user();
      const other = await tokenFor(a.id);
      const b = await server.user();
      await createProject(a, { name: 'kept' });
      expect(ok(await a.gql('mutation { revokeCurrentToken }'))).toEqual({
        revokeCurrentToken: true,
      });
      expect(await ask(server.url, a.token, ME)).toEqual(refused);
      expect(await ask(server.url, a.token, 'mutation { revokeCurrentToken }')).toEqual(refused);
      expect(await ask(server.url, other, ME)).toEqual(servedAs(a.id));
      expect(await ask(server.url, b.token, ME)).toEqual(servedAs(b.id));
      const projects = await ask(server.url, other, '{ projects { nodes { name } } }');
      expect(projects.body).toEqual({ data: { projects: { nodes: [{ name: 'kept' }] } } });
    });

    it("should not touch another user's token that carries the same jti", async () => {
      const jti = `shared-${Date.now()}`;
      const a = await server.user({ jti });
      const b = await server.user({ jti });
      ok(await a.gql('mutation { revokeCurrentToken }'));
      expect(await ask(server.url, a.token, ME)).toEqual(refused);
      expect(await ask(server.url, b.token, ME)).toEqual(servedAs(b.id));
    });

    it('should revoke a token that has no jti without refusing the next one', async () => {
      const a = await server.user();
      const mint = (ttl: number) =>
        new SignJWT({})
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setSubject(a.id)
          .setIssuedAt(now())
          .setExpirationTime(now() + ttl)
          .sign(new TextEncoder().encode(TEST_SECRET));
      const first = await mint(600);
      const second = await mint(900);
      expect((await ask(server.url, first, 'mutation { revokeCurrentToken }')).body).toEqual({
        data: { revokeCurrentToken: true },
      });
      expect(await ask(server.url, first, ME)).toEqual(refused);
      expect(await ask(server.url, second, ME)).toEqual(servedAs(a.id));
    });
  });

  describe('revokeAllTokens', () => {
    it('should refuse every token issued up to now and accept one issued later', async () => {
      const a = await server.user();
      const b = await server.user();
      const issued = now();
      const old = await tokenFor(a.id, { iat: issued - 600 });
      const current = await tokenFor(a.id, { iat: issued });
      await createProject(a, { name: 'kept' });
      expect(ok(await a.gql('mutation { revokeAllTokens }'))).toEqual({ revokeAllTokens: true });
      for (const token of [a.token, old, current]) {
        expect(await ask(server.url, token, ME)).toEqual(refused);
      }
      // Read after the revocation returned, so this iat is past the cutoff whatever the clock did.
      const later = await tokenFor(a.id, { iat: now() + 2 });
      expect(await ask(server.url, later, ME)).toEqual(servedAs(a.id));
      const projects = await ask(server.url, later, '{ projects { nodes { name } } }');
      expect(projects.body).toEqual({ data: { projects: { nodes: [{ name: 'kept' }] } } });
      expect(await ask(server.url, b.token, ME)).toEqual(servedAs(b.id));
    });
  });

  describe('several instances', () => {
    const onPostgres = target.name === 'postgres' ? it : it.skip;

    onPostgres('should refuse on a second instance a token revoked on the first', async () => {
      const second = await createApp(server.config, { log: pino({ level: 'silent' }) });
      try {
        const a = await server.user();
        const spare = await tokenFor(a.id);
        expect(await ask(second.url, a.token, ME)).toEqual(servedAs(a.id));
        ok(await a.gql('mutation { revokeCurrentToken }'));
        expect(await ask(second.url, a.token, ME)).toEqual(refused);
        expect(await ask(second.url, spare, ME)).toEqual(servedAs(a.id));

        const b = await server.user();
        const bElsewhere = await tokenFor(b.id);
        const revoked = await ask(second.url, bElsewhere, 'mutation { revokeAllTokens }');
        expect(revoked.body).toEqual({ data: { revokeAllTokens: true } });
        expect(await ask(server.url, b.token, ME)).toEqual(refused);
        expect(await ask(server.url, bElsewhere, ME)).toEqual(refused);
      } finally {
        await second.close();
      }
    });
  });
});
