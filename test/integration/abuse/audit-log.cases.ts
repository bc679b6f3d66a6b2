import { randomUUID } from 'node:crypto';
import type { TestTarget } from '../../support/test-database';
import { TEST_SECRET } from '../../support/test-server';
import { errorOf, ok } from '../../support/api';
import { markExercised } from '../../support/protections';
import { useProductionServer } from '../../support/use-test-server';
import { deepQuery } from './operation-limits.cases';

/** The audit events written while serving a request: each must carry its request id. */
const REQUEST_EVENTS = new Set([
  'auth_failure',
  'authz_denied',
  'not_found_probe',
  'probe_slowed',
  'probe_blocked',
  'limit_rejected',
  'rate_limited',
  'token_revoked',
]);

export function auditLogCases(target: TestTarget): void {
  describe('audit log', () => {
    const tokens: string[] = [];
    const server = useProductionServer(target);

    it('should record the security checks at start-up', () => {
      const [summary] = server.log.events('security_check');
      expect(summary).toMatchObject({
        production: true,
        introspection: false,
        landingPage: false,
        csrfPrevention: true,
        persistedQueries: 'automatic',
        persistedQueryStore: 'memory',
        tracing: false,
        limits: { maxDepth: 8, maxAliases: 15, maxTokens: 2000, maxBatch: 0 },
        rateLimits: { store: 'memory', operations: 6000 },
      });
      const warnings = server.log.events('security_check').filter((l) => l.check);
      expect(warnings.map((l) => l.check)).toEqual([
        'client_address',
        'rate_limit_store',
        'dpop',
        'token_issuer',
      ]);
      expect(summary).toMatchObject({ trustProxyHops: 0 });
    });

    it('should record a refused token with its reason and address, under the request id', async () => {
      const res = await server.post({ query: '{ me { id } }' }, { authorization: 'Bearer a.b.c' });
      expect(res.status).toBe(401);
      const line = server.log.events('auth_failure').at(-1)!;
      expect(line).toMatchObject({ reason: expect.any(String), ip: expect.any(String) });
      expect(line.requestId).toBe(res.headers.get('x-request-id'));
    });

    it('should record a denial with the user, the field and the missing scope', async () => {
      const reader = await server.user({ scope: 'tasks:read' });
      tokens.push(reader.token);
      const res = await reader.gql('mutation { createTag(input: { name: "t" }) { id } }');
      errorOf(res, 'FORBIDDEN');
      expect(server.log.events('authz_denied').at(-1)).toMatchObject({
        userId: reader.id,
        field: 'Mutation.createTag',
        missing: ['tasks:write'],
        requestId: res.headers.get('x-request-id'),
      });
    });

    it('should record probes, revocations and refused documents', async () => {
      const user = await server.user();
      tokens.push(user.token);
      const miss = await user.gql(`{ task(id: "${randomUUID()}") { id } }`);
      expect(ok(miss).task).toBeNull();
      expect(server.log.events('not_found_probe').at(-1)).toMatchObject({
        userId: user.id,
        misses: 1,
        requestId: miss.headers.get('x-request-id'),
      });
      const deep = await user.gql(deepQuery(9));
      expect(server.log.events('limit_rejected').at(-1)).toMatchObject({
        userId: user.id,
        limit: 'depth',
        requestId: deep.headers.get('x-request-id'),
      });
      await user.gql(`{ me { ${'id '.repeat(3000)}} }`);
      expect(server.log.events('limit_rejected').at(-1)).toMatchObject({ limit: 'tokens' });
      await user.gql(`{ me { id } } # ${'x'.repeat(150 * 1024)}`);
      expect(server.log.events('limit_rejected').at(-1)).toMatchObject({ limit: 'body' });
      ok(await user.gql('mutation { revokeCurrentToken }'));
      expect(server.log.events('token_revoked').at(-1)).toMatchObject({ userId: user.id });
    });

    it('should put the request id on every request line, and no token or secret anywhere', () => {
      const scoped = server.log.lines.filter((line) => REQUEST_EVENTS.has(line.event));
      expect(new Set(scoped.map((line) => line.event))).toEqual(
        new Set([
          'auth_failure',
          'authz_denied',
          'not_found_probe',
          'limit_rejected',
          'token_revoked',
        ]),
      );
      expect(scoped.filter((line) => typeof line.requestId !== 'string')).toEqual([]);
      const text = server.log.text();
      for (const token of tokens) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(token.split('.')[2]);
      }
      expect(text).not.toContain(TEST_SECRET);
      markExercised('audit log (events, request ids, no secrets)', target.name);
    });
  });
}
