import { connect } from 'node:net';
import { captureLog } from '../../support/log-capture';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestServer } from '../../support/test-server';

/** Sends headers and half of a declared body, then hangs up. */
function postHalfAndHangUp(url: string, token: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname, () => {
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"query":"{ me`,
      );
      setTimeout(() => socket.destroy(), 100);
    });
    socket.on('close', () => resolve());
    socket.on('error', reject);
  });
}

describe.each(TEST_TARGETS)('a client that hangs up mid-body on $name', (target) => {
  const log = captureLog();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(target, {}, { log: log.logger });
  });
  afterAll(() => server?.close());

  it('should log it as an ordinary event, not an error, and keep serving', async () => {
    const user = await server.user();
    await postHalfAndHangUp(server.url, user.token);
    for (let i = 0; i < 50 && log.events('client_gone').length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(log.events('client_gone')).toHaveLength(1);
    expect(log.lines.filter((line) => line['level'] >= 50)).toEqual([]);
    expect((await user.gql('{ me { id } }')).body.data).toEqual({ me: { id: user.id } });
  });
});
