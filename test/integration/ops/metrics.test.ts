import { freePort } from '../../support/free-port';
import { samples } from '../../support/prometheus-text';
import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';
import { poolSize } from '../../support/pool-size';

const METRICS_TOKEN = 'metrics-token-that-is-long-enough-0123456789';
const bearer = { authorization: `Bearer ${METRICS_TOKEN}` };

describe.each(TEST_TARGETS)('Prometheus metrics on $name', (target) => {
  describe('on a metrics port, with a token', () => {
    let user: TestUser;
    const server = useTestServer(target, async () => ({
      METRICS_PORT: String(await freePort()),
      METRICS_TOKEN,
    }));
    beforeAll(async () => {
      user = await server.user();
    });

    const scrape = async (url = server.app.metricsUrl!) => {
      const res = await fetch(url, { headers: bearer });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      return samples(await res.text());
    };

    it('should listen on 127.0.0.1 unless told otherwise', () => {
      expect(server.app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    });

    it('should count operations by name and outcome, and time them', async () => {
      for (let i = 0; i < 2; i += 1) {
        expect((await user.gql('query ListMine { tasks { totalCount } }')).status).toBe(200);
      }
      await user.gql('query Broken { nope }');
      const m = await scrape();
      expect(m.get('task_api_graphql_operations_total{operation="ListMine",outcome="ok"}')).toBe(2);
      expect(
        m.get(
          'task_api_graphql_operations_total{operation="Broken",outcome="GRAPHQL_VALIDATION_FAILED"}',
        ),
      ).toBe(1);
      expect(m.get('task_api_graphql_operation_duration_seconds_count{operation="ListMine"}')).toBe(
        2,
      );
      expect(
        m.get('task_api_graphql_operation_duration_seconds_bucket{le="+Inf",operation="ListMine"}'),
      ).toBe(2);
    });

    it('should count authentication failures and HTTP answers by route and status', async () => {
      const before = (await scrape()).get('task_api_auth_failures_total') ?? 0;
      await server.post({ query: '{ me { id } }' });
      await server.post({ query: '{ me { id } }' }, { authorization: 'Bearer nope' });
      await fetch(new URL('/no/such/path', server.url));
      const m = await scrape();
      expect(m.get('task_api_auth_failures_total')).toBe(before + 2);
      expect(m.get('task_api_http_requests_total{route="/graphql",status="401"}')).toBe(before + 2);
      expect(m.get('task_api_http_requests_total{route="other",status="404"}')).toBe(1);
      expect(
        m.get('task_api_http_request_duration_seconds_count{route="/graphql"}'),
      ).toBeGreaterThan(0);
    });

    it('should expose a rate-limit rejection counter others can increment', async () => {
      server.app.metrics.rateLimitRejections.inc({ limiter: 'operations' });
      const m = await scrape();
      expect(m.get('task_api_rate_limit_rejections_total{limiter="operations"}')).toBe(1);
    });

    it("should report the database pool's connections", async () => {
      const m = await scrape();
      expect(m.get('task_api_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(m.get('task_api_db_pool_connections')).toBeLessThanOrEqual(
        poolSize(server.app.database.dataSource),
      );
      expect(m.get('task_api_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
      expect(m.get('task_api_db_pool_waiting_clients')).toBe(0);
      expect(m.has('task_api_process_resident_memory_bytes')).toBe(true);
    });

    it('should refuse a scrape without the token, on either port', async () => {
      const apiPortMetrics = new URL('/metrics', server.url).href;
      for (const url of [server.app.metricsUrl!, apiPortMetrics]) {
        expect((await fetch(url)).status).toBe(401);
        expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      }
      expect((await scrape(apiPortMetrics)).has('task_api_auth_failures_total')).toBe(true);
    });
  });

  describe('by default', () => {
    const server = useTestServer(target);

    it('should serve no metrics anywhere', async () => {
      expect(server.app.metricsUrl).toBeUndefined();
      expect((await fetch(new URL('/metrics', server.url))).status).toBe(404);
    });
  });
});
