import { randomUUID } from 'node:crypto';
import type { TestTarget } from '../../support/test-database';
import type { TestUser } from '../../support/test-server';
import { createTask, errorOf, ok } from '../../support/api';
import { markExercised } from '../../support/protections';
import { useProductionServer } from '../../support/use-test-server';
import { expectRateLimited, redisUrl } from './rate-limits.cases';

const DELAY_MS = 400;
const PROBE_ENV = {
  PROBE_SLOW_AFTER: '3',
  PROBE_LIMIT: '6',
  PROBE_DELAY: `${DELAY_MS}ms`,
  PROBE_BLOCK: '2m',
};

/** How long a request takes, and its answer. */
async function timed<T>(request: Promise<T>): Promise<[T, number]> {
  const started = Date.now();
  const result = await request;
  return [result, Date.now() - started];
}

const missTask = (user: TestUser) =>
  user.gql('query($id: ID!) { task(id: $id) { id } }', { id: randomUUID() });

export function probeThrottlingCases(target: TestTarget): void {
  describe('probe throttling', () => {
    const held = (protection: string) => markExercised(protection, target.name);
    const server = useProductionServer(target, PROBE_ENV);

    it('should slow, then refuse, a user whose lookups keep finding nothing', async () => {
      const [prober, bystander] = [await server.user(), await server.user()];
      expect(ok(await missTask(prober)).task).toBeNull();
      errorOf(await prober.gql(`mutation { deleteTask(id: "${randomUUID()}") }`), 'NOT_FOUND');
      const pair = await prober.gql(
        `{ a: project(id: "${randomUUID()}") { id } b: tag(id: "${randomUUID()}") { id } }`,
      );
      expect(ok(pair)).toEqual({ a: null, b: null });

      // Four misses: past PROBE_SLOW_AFTER, so every request now waits.
      const [slowed, slowMs] = await timed(prober.gql('{ me { id } }'));
      ok(slowed);
      expect(slowMs).toBeGreaterThanOrEqual(DELAY_MS - 20);
      const [, bystanderMs] = await timed(bystander.gql('{ me { id } }'));
      expect(bystanderMs).toBeLessThan(DELAY_MS);

      await missTask(prober);
      await prober.gql(`{ a: task(id: "${randomUUID()}") { id } b: task(id: "x") { id } }`);
      // Seven misses: past PROBE_LIMIT, so the user is refused for PROBE_BLOCK.
      const retryAfter = expectRateLimited(await prober.gql('{ me { id } }'), 120);
      expect(retryAfter).toBeGreaterThan(60);
      ok(await bystander.gql('{ me { id } }'));

      const events = server.log.lines.filter((l) => l.userId === prober.id && l.event);
      expect(events.map((l) => l.event)).toEqual([
        'not_found_probe',
        'not_found_probe',
        'not_found_probe',
        'probe_slowed',
        'not_found_probe',
        'not_found_probe',
        'probe_blocked',
        'rate_limited',
      ]);
      expect(events.filter((l) => typeof l.requestId !== 'string')).toEqual([]);
      expect(events.at(-2)).toMatchObject({ level: 40, blockSeconds: 120, inWindow: 7 });
      expect(server.log.lines.filter((l) => l.userId === bystander.id && l.event)).toEqual([]);
      held('not-found probe throttling (slow, then 429)');
    });

    it('should not count lookups that find the user’s own records', async () => {
      const owner = await server.user();
      const task = await createTask(owner);
      for (let i = 0; i < 8; i++) {
        expect(ok(await owner.gql(`{ task(id: "${task.id}") { id } }`)).task.id).toBe(task.id);
      }
      expect(server.log.events('not_found_probe').filter((l) => l.userId === owner.id)).toEqual([]);
    });

    it('should not count a lookup refused for a missing scope as a probe', async () => {
      const writer = await server.user({ scope: 'tasks:write' });
      for (let i = 0; i < 8; i++) errorOf(await missTask(writer), 'FORBIDDEN');
      expect(server.log.events('not_found_probe').filter((l) => l.userId === writer.id)).toEqual(
        [],
      );
    });
  });

  (redisUrl ? describe : describe.skip)('probe throttling shared through Redis', () => {
    const env = {
      ...PROBE_ENV,
      REDIS_URL: redisUrl!,
      RATE_LIMIT_PREFIX: `task-api-test:${randomUUID()}`,
    };
    const one = useProductionServer(target, env);
    const two = useProductionServer(target, env);

    it('should count a user’s misses across instances', async () => {
      const claims = { sub: `user-${randomUUID()}` };
      const [onOne, onTwo] = [await one.user(claims), await two.user(claims)];
      for (let i = 0; i < 4; i++) await missTask(onOne);
      const [, slowMs] = await timed(onTwo.gql('{ me { id } }'));
      expect(slowMs).toBeGreaterThanOrEqual(DELAY_MS - 20);
      for (let i = 0; i < 3; i++) await missTask(onTwo);
      expectRateLimited(await onOne.gql('{ me { id } }'), 120);
      markExercised('probe counts shared across instances (Redis)', target.name);
    });
  });
}
