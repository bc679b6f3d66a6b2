import { documentHash } from '../../../src/documents/document-hash';
import type { TestTarget } from '../../support/test-database';
import type { TestUser } from '../../support/test-server';
import { errorOf, ok } from '../../support/api';
import { markExercised } from '../../support/protections';
import { rawRequest } from '../../support/raw-http';
import { useProductionServer } from '../../support/use-test-server';

export const APP_ORIGIN = 'https://app.example.com';
const EVIL_ORIGIN = 'https://evil.example.net';

/** Words that would give away the stack, the database or the libraries behind the API. */
const LEAKS = [
  'stack',
  'Did you mean',
  'QueryFailedError',
  'SELECT ',
  'postgres',
  'Apollo',
  'node_modules',
];

export function expectNoLeak(text: string): void {
  for (const word of LEAKS) expect(text).not.toContain(word);
}

const UNAUTHENTICATED = {
  errors: [
    {
      message: 'Authentication required: send a valid access token.',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

export function productionSurfaceCases(target: TestTarget): void {
  describe('production surface', () => {
    let user: TestUser;
    const held = (protection: string) => markExercised(protection, target.name);
    const server = useProductionServer(target, { CORS_ORIGINS: APP_ORIGIN });
    beforeAll(async () => {
      user = await server.user();
    });

    /** A request as a browser form or script could send it, with the user's token. */
    const send = (init: { method?: string; headers?: Record<string, string>; body?: string }) =>
      fetch(server.url, {
        method: init.method ?? 'POST',
        headers: { authorization: `Bearer ${user.token}`, ...init.headers },
        body: init.body,
      });

    const get = (params: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${server.url}?${new URLSearchParams(params)}`, {
        headers: { authorization: `Bearer ${user.token}`, ...headers },
      });

    describe('introspection', () => {
      it('should refuse __schema and __type without naming the library', async () => {
        for (const query of [
          '{ __schema { types { name } } }',
          '{ __type(name: "Task") { fields { name } } }',
        ]) {
          const res = await user.gql(query);
          expect(res.status).toBe(400);
          expect(res.body.data).toBeUndefined();
          expect(errorOf(res, 'GRAPHQL_VALIDATION_FAILED').message).toBe(
            'Introspection is disabled.',
          );
          expectNoLeak(JSON.stringify(res.body));
        }
        held('introspection disabled');
      });

      it('should refuse a circular introspection query quickly', async () => {
        const started = Date.now();
        const res = await user.gql(
          `{ __schema { types { fields { type { fields { type { fields { type { fields {
            type { name } } } } } } } } } } }`,
        );
        expect(res.status).toBe(400);
        expect(res.body.data).toBeUndefined();
        expect(JSON.stringify(res.body)).not.toContain('"Task"');
        expect(Date.now() - started).toBeLessThan(2000);
        held('circular introspection refused');
      });
    });

    describe('suggestions', () => {
      // Each document misspells one name; the right name must not come back.
      const cases: [string, string, Record<string, unknown> | undefined, string][] = [
        ['field', '{ tsks { totalCount } }', undefined, '"tasks"'],
        ['argument', '{ tasks(frist: 1) { totalCount } }', undefined, '"first"'],
        [
          'input field',
          'mutation { updateProject(id: "x", input: { nme: "n" }) { id } }',
          undefined,
          '"name"',
        ],
        [
          'input field in a variable',
          'mutation($i: UpdateProjectInput!) { updateProject(id: "x", input: $i) { id } }',
          { i: { nme: 'n' } },
          '"name"',
        ],
        ['enum value', '{ tasks(filter: { priority: HGH }) { totalCount } }', undefined, 'HIGH'],
        [
          'enum value in a variable',
          'query($p: Priority) { tasks(filter: { priority: $p }) { totalCount } }',
          { p: 'HGH' },
          'HIGH',
        ],
        [
          'type',
          'query($o: TaskOrdr) { tasks(orderBy: $o) { totalCount } }',
          undefined,
          '"TaskOrder"',
        ],
      ];

      it.each(cases)(
        'should not suggest a misspelled %s',
        async (_kind, query, variables, right) => {
          const res = await user.gql(query, variables);
          expect(res.status).toBe(400);
          const text = JSON.stringify(res.body);
          expect(text).not.toContain('Did you mean');
          expect(text).not.toContain(right);
          expect(res.body.errors?.every((e) => typeof e.extensions?.code === 'string')).toBe(true);
          expectNoLeak(text);
          held('no field/argument/enum suggestions');
        },
      );
    });

    describe('landing page', () => {
      it('should serve no HTML page, with or without a token', async () => {
        const asks: Record<string, string>[] = [
          { accept: 'text/html' },
          { accept: 'text/html', authorization: '' },
        ];
        for (const headers of asks) {
          const res = await get({}, headers);
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          expect(await res.text()).not.toMatch(/<html|<script/i);
          expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
        }
        held('no landing page');
      });
    });

    describe('CSRF prevention', () => {
      const MUTATION = 'mutation { createProject(input: { name: "csrf" }) { id } }';

      it.each([
        ['text/plain', JSON.stringify({ query: MUTATION })],
        ['application/x-www-form-urlencoded', `query=${encodeURIComponent(MUTATION)}`],
        [
          'multipart/form-data; boundary=x',
          `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${MUTATION}\r\n--x--`,
        ],
      ])('should refuse a %s POST and run nothing', async (contentType, body) => {
        const res = await send({ headers: { 'content-type': contentType }, body });
        expect(res.status).toBe(400);
        const json = (await res.json()) as { errors: { extensions: { code: string } }[] };
        expect(json.errors[0]!.extensions.code).toBe('BAD_REQUEST');
        expect(ok(await user.gql('{ projects { totalCount } }')).projects.totalCount).toBe(0);
        held('CSRF: simple content types refused');
      });

      it('should answer a GET query that proves it is not a simple request', async () => {
        const res = await get({ query: '{ me { id } }' }, { 'apollo-require-preflight': 'true' });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ data: { me: { id: user.id } } });
        const bare = await get({ query: '{ me { id } }' });
        expect(bare.status).toBe(400);
        held('GET allowed for queries only with a preflight header');
      });

      it('should refuse a GET mutation and run nothing', async () => {
        const res = await get({ query: MUTATION }, { 'apollo-require-preflight': 'true' });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
        expect(ok(await user.gql('{ projects { totalCount } }')).projects.totalCount).toBe(0);
        held('GET mutations refused');
      });
    });

    describe('persisted queries', () => {
      it("should keep a user's persisted queries their own and refuse a hash that lies", async () => {
        const text = '{ __typename }';
        const hash = documentHash(text);
        const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
        const other = await server.user();
        const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });
        const lying = await server.post({ query: '{ me { id } }', ...persisted }, auth(user));
        expect(lying.status).toBe(400);
        errorOf(lying, 'PERSISTED_QUERY_HASH_MISMATCH');
        const registered = await server.post({ query: text, ...persisted }, auth(user));
        expect(registered.body).toEqual({ data: { __typename: 'Query' } });
        const foreign = await server.post(persisted, auth(other));
        expect(foreign.body.data).toBeUndefined();
        errorOf(foreign, 'PERSISTED_QUERY_NOT_FOUND');
        expectNoLeak(JSON.stringify([lying.body, foreign.body]));
        held('APQ scoped per user, hashes verified');
      });
    });

    describe('before authentication', () => {
      it.each([
        ['a syntax error', { query: '{ tasks { ' }],
        ['an unknown field', { query: '{ tsks { id } }' }],
        ['a document over every limit', { query: `{ ${'a: __typename '.repeat(3000)} }` }],
        ['a batch', [{ query: '{ me { id } }' }, { query: '{ me { id } }' }]],
        ['broken JSON', '{"query": '],
      ])('should answer %s without a token with 401 only', async (_kind, body) => {
        const anonymous: Record<string, string>[] = [{}, { authorization: 'Bearer not-a-token' }];
        for (const headers of anonymous) {
          const res = await server.post(body, headers);
          expect(res.status).toBe(401);
          expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
          expect(res.body).toEqual(UNAUTHENTICATED);
        }
        held('401 before parsing or validation');
      });
    });

    describe('CORS', () => {
      const preflight = (origin: string) =>
        rawRequest(server.url, {
          method: 'OPTIONS',
          headers: [
            'origin',
            origin,
            'access-control-request-method',
            'POST',
            'access-control-request-headers',
            'authorization, content-type',
          ],
        });

      it('should answer a preflight from an allowed origin without a token', async () => {
        const res = await preflight(APP_ORIGIN);
        expect(res.status).toBe(204);
        expect(res.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
        expect(res.headers['access-control-allow-methods']).toContain('POST');
        expect(res.headers['access-control-allow-headers']).toContain('authorization');
        expect(res.headers['access-control-allow-credentials']).toBeUndefined();
        held('CORS preflight without a token');
      });

      it('should give another origin no CORS header, in a preflight or an answer', async () => {
        const res = await preflight(EVIL_ORIGIN);
        expect(res.status).toBe(403);
        expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
        const answer = await user.gql('{ me { id } }');
        const post = await fetch(server.url, {
          method: 'POST',
          headers: {
            origin: EVIL_ORIGIN,
            authorization: `Bearer ${user.token}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
        expect(answer.status).toBe(200);
        expect(post.headers.get('access-control-allow-origin')).toBeNull();
        held('CORS refused for unlisted origins');
      });

      it('should let an allowed origin read answers, 401s included', async () => {
        for (const authorization of [`Bearer ${user.token}`, 'Bearer nope']) {
          const res = await fetch(server.url, {
            method: 'POST',
            headers: { origin: APP_ORIGIN, authorization, 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ me { id } }' }),
          });
          expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
          expect(res.headers.get('access-control-expose-headers')).toContain('retry-after');
          expect(res.headers.get('vary')).toContain('Origin');
        }
        held('CORS allowed for listed origins');
      });
    });

    describe('security headers', () => {
      it('should send nosniff, a referrer policy and a strict CSP on every answer', async () => {
        const answers = [
          await fetch(server.url, { method: 'POST', body: '{}' }),
          await send({
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ me { id } }"}',
          }),
          await send({ headers: { 'content-type': 'application/json' }, body: '{"query":"{"}' }),
          await fetch(server.url.replace('/graphql', '/healthz')),
          await fetch(server.url.replace('/graphql', '/nowhere')),
        ];
        expect(answers.map((res) => res.status)).toEqual([401, 200, 400, 200, 404]);
        for (const res of answers) {
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
          expect(res.headers.get('referrer-policy')).toBe('no-referrer');
          expect(res.headers.get('content-security-policy')).toBe(
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
          );
        }
        expect(answers[1]!.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
        held('security headers');
      });
    });
  });
}
