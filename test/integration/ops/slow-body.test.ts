import { busyConnections, untilInFlight } from '../../support/in-flight';
import { partialPost, startSlowPost } from '../../support/slow-request';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

describe.each(TEST_TARGETS)('a client sending its body slowly on $name', (target) => {
  // One connection in the pool: a request holding it would stop every other one.
  const server = useTestServer(target, { DB_POOL_MAX: '1', REQUEST_TIMEOUT: '2s' });

  it('should hold no database connection while the body is on its way', async () => {
    const [slow, other] = [await server.user(), await server.user()];
    const pending = startSlowPost(server.url, JSON.stringify({ query: '{ me { id } }' }), {
      authorization: `Bearer ${slow.token}`,
    });
    await untilInFlight(server);
    expect(busyConnections(server)).toBe(0);
    // Well inside the request timeout: the other user is answered while the body waits.
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) {
      expect((await other.gql('{ me { id } }')).body.data).toEqual({ me: { id: other.id } });
    }
    expect(Date.now() - started).toBeLessThan(1500);
    pending.finish();
    const answer = await pending.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { me: { id: slow.id } } });
  });

  it('should answer 408 and close a request whose body stops arriving', async () => {
    const user = await server.user();
    const started = Date.now();
    const raw = await partialPost(server.url, user.token);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await user.gql('{ me { id } }')).body.data).toEqual({ me: { id: user.id } });
  });
});
