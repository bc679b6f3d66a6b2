import { randomUUID } from 'node:crypto';
import type { TestTarget } from '../../support/test-database';
import type { GraphQLResponse } from '../../support/test-server';
import { ok } from '../../support/api';
import { markExercised } from '../../support/protections';
import { useProductionServer } from '../../support/use-test-server';

// Tests may read their own settings from the environment; .ci/run sets it when Redis answers.
export const redisUrl = process.env.TEST_REDIS_URL;

/** 429, RATE_LIMITED and a Retry-After within the window; answers how long it asks to wait. */
export function expectRateLimited(res: GraphQLResponse<unknown>, windowSeconds: number): number {
  expect(res.status).toBe(429);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors![0]!.extensions?.code).toBe('RATE_LIMITED');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(res.body.errors![0]!.extensions?.retryAfter).toBe(retryAfter);
  return retryAfter;
}

export function rateLimitCases(target: TestTarget): void {
  describe('rate limits', () => {
    const held = (protection: string) => markExercised(protection, target.name);
    const server = useProductionServer(target, {
      RATE_LIMIT_WINDOW: '1m',
      RATE_LIMIT_OPERATIONS: '5',
      RATE_LIMIT_MUTATIONS: '3',
    });

    it('should refuse a user past their operations with 429, before reading the request', async () => {
      const [a, b] = [await server.user(), await server.user()];
      for (let i = 0; i < 5; i++) ok(await a.gql('{ me { id } }'));
      expectRateLimited(await a.gql('{ me { id } }'), 60);
      // Refused before the document is parsed: an invalid one gets the same 429.
      expectRateLimited(await a.gql('{ not valid'), 60);
      ok(await b.gql('{ me { id } }'));
      const metrics = await server.app.metrics.registry.getSingleMetricAsString(
        'task_api_rate_limit_rejections_total',
      );
      expect(metrics).toContain('task_api_rate_limit_rejections_total{limiter="operations"} 2');
      const refused = server.log.events('rate_limited').filter((l) => l.userId === a.id);
      expect(refused.map((l) => [l.level, l.limiter])).toEqual([
        [40, 'operations'],
        [20, 'operations'],
      ]);
      expect(refused[0]!.requestId).toEqual(expect.any(String));
      held('per-user operation rate limit');
    });

    it('should count mutation fields separately and run nothing once over', async () => {
      const user = await server.user();
      const two = (prefix: string) =>
        `mutation { a: createTag(input: { name: "${prefix}-a" }) { id } b: createTag(input: { name: "${prefix}-b" }) { id } }`;
      ok(await user.gql(two('first')));
      expectRateLimited(await user.gql(two('second')), 60);
      expect(ok(await user.gql('{ tags { name } }')).tags).toHaveLength(2);
      expect(
        server.log.events('rate_limited').filter((l) => l.userId === user.id)[0],
      ).toMatchObject({ limiter: 'mutations', fields: 2 });
      held('per-user mutation rate limit');
    });
  });

  describe('authentication failures', () => {
    const server = useProductionServer(target, { AUTH_FAILURE_LIMIT: '3' });

    it('should block an address after too many bad tokens, good ones included', async () => {
      const user = await server.user();
      const bad = { authorization: 'Bearer forged.token.value' };
      // With no trusted proxy, X-Forwarded-For is the client's own word and changes nothing.
      for (let i = 0; i < 3; i++)
        expect(
          (
            await server.post(
              { query: '{ me { id } }' },
              { ...bad, 'x-forwarded-for': `192.0.2.${i}` },
            )
          ).status,
        ).toBe(401);
      expectRateLimited(await server.post({ query: '{ me { id } }' }, bad), 60);
      expectRateLimited(await user.gql('{ me { id } }'), 60);
      expect(server.log.events('auth_failure')).toHaveLength(4);
      expect(server.log.events('rate_limited')[0]).toMatchObject({
        level: 40,
        limiter: 'auth_failures',
        ip: expect.any(String),
      });
      markExercised('per-IP authentication failure limit', target.name);
    });
  });

  describe('authentication failures behind a proxy (TRUST_PROXY_HOPS=1)', () => {
    const server = useProductionServer(target, {
      AUTH_FAILURE_LIMIT: '3',
      TRUST_PROXY_HOPS: '1',
    });

    const from = (forwardedFor: string, authorization = 'Bearer forged.token.value') => ({
      authorization,
      'x-forwarded-for': forwardedFor,
    });

    it('should count each client behind the balancer apart, by the entry the balancer wrote', async () => {
      const query = { query: '{ me { id } }' };
      for (let i = 0; i < 3; i++)
        expect((await server.post(query, from('203.0.113.7'))).status).toBe(401);
      expectRateLimited(await server.post(query, from('203.0.113.7')), 60);
      // What the client writes left of the balancer's entry changes nothing.
      expectRateLimited(await server.post(query, from('198.51.100.9, 203.0.113.7')), 60);
      const user = await server.user();
      const good = `Bearer ${user.token}`;
      expectRateLimited(await server.post(query, from('203.0.113.7', good)), 60);
      expect((await server.post(query, from('198.51.100.9', good))).status).toBe(200);
      // The token that crossed the limit is recorded too; refused addresses are not re-checked.
      expect(server.log.events('auth_failure').map((l) => l.ip)).toEqual(
        Array(4).fill('203.0.113.7'),
      );
      expect(server.log.events('security_check')[0]).toMatchObject({ trustProxyHops: 1 });
      markExercised('per-IP authentication failure limit behind a proxy', target.name);
    });
  });

  (redisUrl ? describe : describe.skip)('rate limits shared through Redis', () => {
    const env = {
      REDIS_URL: redisUrl!,
      RATE_LIMIT_PREFIX: `task-api-test:${randomUUID()}`,
      RATE_LIMIT_OPERATIONS: '4',
    };
    const one = useProductionServer(target, env);
    const two = useProductionServer(target, env);

    it('should count a user across instances', async () => {
      const claims = { sub: `user-${randomUUID()}` };
      const [onOne, onTwo] = [await one.user(claims), await two.user(claims)];
      for (const user of [onOne, onTwo, onOne, onTwo]) ok(await user.gql('{ me { id } }'));
      expectRateLimited(await onOne.gql('{ me { id } }'), 60);
      expectRateLimited(await onTwo.gql('{ me { id } }'), 60);
      expect(one.log.events('security_check')[0]).toMatchObject({
        rateLimits: { store: 'redis' },
      });
      markExercised('rate limits shared across instances (Redis)', target.name);
    });
  });
}
