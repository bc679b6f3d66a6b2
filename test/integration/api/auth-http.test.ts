import { createHmac } from 'node:crypto';
import { signToken } from '../../../src/auth/token-signer';
import { TEST_TARGETS } from '../../support/test-database';
import { TEST_SECRET } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import { counts, ok } from '../../support/api';
import { rawRequest, type RawResponse } from '../../support/raw-http';

const UNAUTHENTICATED = {
  errors: [
    {
      message: 'Authentication required: send a valid access token.',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};
const LEAKS = ['stack', 'QueryFailedError', 'SELECT', 'postgres', 'TokenRejected', 'reason'];
const JSON_HEADER = ['content-type', 'application/json'];
const MUTATION = JSON.stringify({
  query: 'mutation { createProject(input: { name: "should not exist" }) { id } }',
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function expectNoLeak(text: string): void {
  for (const word of LEAKS) expect(text).not.toContain(word);
}

function expectUnauthenticated(res: RawResponse): void {
  expect(res.status).toBe(401);
  expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(res.text)).toEqual(UNAUTHENTICATED);
  expectNoLeak(res.text);
}

describe.each(TEST_TARGETS)('auth over HTTP on $name', (target) => {
  const server = useTestServer(target);

  const post = (headers: string[], body = MUTATION, query = '') =>
    rawRequest(`${server.url}${query}`, { headers: [...JSON_HEADER, ...headers], body });

  /** Tokens for one subject that must all be refused, each for a different reason. */
  const badTokens = async (sub: string, valid: string): Promise<Record<string, string>> => {
    const [header, , signature] = valid.split('.');
    // Signed with the right secret where a forgery needs it, so only the rule under test fails.
    const handmade = (head: object, payload: object, hash: string, key: string) => {
      const input = `${b64(head)}.${b64(payload)}`;
      return `${input}.${createHmac(hash, key).update(input).digest('base64url')}`;
    };
    const claims = { sub, iat: now(), exp: now() + 600 };
    return {
      expired: await server.token({ sub, iat: now() - 7200, ttlSeconds: 3600 }),
      'wrong secret': await signToken('another-secret-that-is-long-enough-9876543210', { sub }),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
      'alg HS512': handmade({ alg: 'HS512', typ: 'JWT' }, claims, 'sha512', TEST_SECRET),
      'tampered payload': `${header}.${b64({ ...claims, sub: `${sub}-admin` })}.${signature}`,
      'issued in the future': await server.token({ sub, iat: now() + 3600 }),
      'lifetime over the maximum': await server.token({ sub, ttlSeconds: 25 * 3600 }),
      'empty subject': await server.token({ sub: '' }),
      'no expiry': handmade(
        { alg: 'HS256', typ: 'JWT' },
        { sub, iat: now() },
        'sha256',
        TEST_SECRET,
      ),
      truncated: valid.slice(0, -5),
      'too large': `${valid}${'A'.repeat(10_000)}`,
    };
  };

  describe('refused requests', () => {
    it('should answer 401 with one body to every missing or malformed Authorization header', async () => {
      const a = await server.user();
      const headerSets: string[][] = [
        [],
        ['authorization', ''],
        ['authorization', 'Bearer'],
        ['authorization', 'Bearer '],
        ['authorization', 'Basic dXNlcjpwYXNzd29yZA=='],
        ['authorization', 'garbage'],
        ['authorization', 'Bearer garbage'],
        ['authorization', 'Bearer a.b.c'],
        ['authorization', a.token],
        ['authorization', `Token ${a.token}`],
        ['authorization', `Bearer ${a.token} extra`],
        ['authorization', `Bearer ${a.token}, Bearer ${a.token}`],
      ];
      for (const headers of headerSets) expectUnauthenticated(await post(headers));
      expect((await counts(a)).projects).toBe(0);
    });

    it('should answer 401 to expired, forged and otherwise invalid tokens', async () => {
      const a = await server.user();
      const tokens = await badTokens(a.id, a.token);
      for (const [why, token] of Object.entries(tokens)) {
        const res = await post(['authorization', `Bearer ${token}`]);
        expect({ why, status: res.status }).toEqual({ why, status: 401 });
        expectUnauthenticated(res);
      }
      expect((await counts(a)).projects).toBe(0);
    });

    it('should refuse two Authorization headers, even when both carry the same valid token', async () => {
      const a = await server.user();
      const b = await server.user();
      // The control: the same raw request with one header is served.
      const one = await post(['authorization', `Bearer ${a.token}`], '{"query":"{ me { id } }"}');
      expect({ status: one.status, body: JSON.parse(one.text) }).toEqual({
        status: 200,
        body: { data: { me: { id: a.id } } },
      });
      const pairs = [
        [a.token, a.token],
        [a.token, b.token],
        [a.token, 'garbage'],
        ['garbage', a.token],
      ];
      for (const [first, second] of pairs) {
        expectUnauthenticated(
          await post(['authorization', `Bearer ${first}`, 'authorization', `Bearer ${second}`]),
        );
      }
      expect((await counts(a)).projects).toBe(0);
      expect((await counts(b)).projects).toBe(0);
    });

    it('should not take a token from the query string, the body or a cookie', async () => {
      const a = await server.user();
      const inQuery = `?access_token=${a.token}`;
      expectUnauthenticated(await post([], MUTATION, inQuery));
      expectUnauthenticated(
        await rawRequest(
          `${server.url}?query=${encodeURIComponent('{ me { id } }')}&access_token=${a.token}`,
          { method: 'GET', headers: ['apollo-require-preflight', 'true'] },
        ),
      );
      const body = JSON.stringify({ ...JSON.parse(MUTATION), access_token: a.token });
      expectUnauthenticated(await post([], body));
      expectUnauthenticated(await post(['cookie', `token=${a.token}; access_token=${a.token}`]));
      expect((await counts(a)).projects).toBe(0);
    });

    it('should check the token before reading the body', async () => {
      expectUnauthenticated(await post([], 'this is { not json'));
      expectUnauthenticated(await post([], JSON.stringify({ query: '{ nosuchfield }' })));
      expectUnauthenticated(await post(['authorization', 'Bearer nope'], '{"query": "{ me {'));
    });

    it('should answer the very same bytes whatever the cause', async () => {
      const a = await server.user();
      const tokens = await badTokens(a.id, a.token);
      const texts = new Set<string>();
      for (const token of Object.values(tokens)) {
        texts.add((await post(['authorization', `Bearer ${token}`])).text);
      }
      texts.add((await post([])).text);
      texts.add((await post(['authorization', 'Basic x'])).text);
      expect(texts.size).toBe(1);
    });
  });

  describe('accepted requests', () => {
    it('should accept the Bearer scheme in any case', async () => {
      const a = await server.user();
      for (const scheme of ['Bearer', 'bearer', 'BEARER']) {
        const res = await server.post(
          { query: '{ me { id } }' },
          { authorization: `${scheme} ${a.token}` },
        );
        expect(ok(res)).toEqual({ me: { id: a.id } });
      }
    });
  });

  describe('GET /healthz', () => {
    const health = (method = 'GET', headers: string[] = []) =>
      rawRequest(server.url.replace(/\/graphql$/, '/healthz'), { method, headers });

    it('should answer 200 without a token and reveal nothing but the status', async () => {
      const res = await health();
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ status: 'ok' });
      expect(res.headers['www-authenticate']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['server']).toBeUndefined();
    });

    it('should answer 200 whatever Authorization header comes with it', async () => {
      const res = await health('GET', ['authorization', 'Bearer garbage']);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text)).toEqual({ status: 'ok' });
      expect((await health('HEAD')).status).toBe(200);
    });

    it('should refuse other methods and answer 404 to unknown paths', async () => {
      expect((await health('POST')).status).toBe(405);
      const missing = await rawRequest(server.url.replace(/\/graphql$/, '/nope'), {
        method: 'GET',
      });
      expect(missing.status).toBe(404);
      expectNoLeak(missing.text);
    });
  });

  describe('error bodies', () => {
    it('should never expose stacks, SQL or driver names', async () => {
      const a = await server.user();
      const auth = ['authorization', `Bearer ${a.token}`];
      const bodies = [
        'this is { not json',
        JSON.stringify({ query: '{ me { id ' }),
        JSON.stringify({ query: '{ nosuchfield }' }),
        JSON.stringify({ query: '{ tasks(first: 0) { totalCount } }' }),
        JSON.stringify({ query: '{ tasks(after: "garbage!") { totalCount } }' }),
        JSON.stringify({ query: 'mutation { deleteTask(id: "nope") }' }),
        JSON.stringify({
          query: 'mutation { deleteTask(id: "00000000-0000-4000-8000-000000000000") }',
        }),
        JSON.stringify({ query: 'mutation { createTask(input: { title: "" }) { id } }' }),
        JSON.stringify({ query: 'mutation { createTask(input: { title: "a\\u0000b" }) { id } }' }),
        JSON.stringify({
          query: 'mutation($d: DateTime) { createTask(input: { title: "t", dueAt: $d }) { id } }',
          variables: { d: 'not a date' },
        }),
      ];
      for (const body of bodies) {
        const res = await post(auth, body);
        expect(JSON.parse(res.text).errors).toBeDefined();
        expectNoLeak(res.text);
        expect(res.text).not.toContain('INTERNAL_SERVER_ERROR');
      }
    });
  });
});
