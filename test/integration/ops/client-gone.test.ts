import { captureLog } from '../../support/log-capture';
import { partialPost } from '../../support/slow-request';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

describe.each(TEST_TARGETS)('a client that hangs up mid-body on $name', (target) => {
  const log = captureLog();
  const server = useTestServer(target, {}, { log: log.logger });

  it('should log it as an ordinary event, not an error, and keep serving', async () => {
    const user = await server.user();
    await partialPost(server.url, user.token, 100);
    for (let i = 0; i < 50 && log.events('client_gone').length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(log.events('client_gone')).toHaveLength(1);
    expect(log.lines.filter((line) => line['level'] >= 50)).toEqual([]);
    expect((await user.gql('{ me { id } }')).body.data).toEqual({ me: { id: user.id } });
  });
});
