import { connect } from 'node:net';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

/** Sends a request line as given, which no HTTP client library would send. */
function rawGet(url: string, target: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname, () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
    );
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe.each(TEST_TARGETS)('malformed request targets on $name', (target) => {
  const server = useTestServer(target);

  it('should answer 400 to a target that is no URL, and keep serving', async () => {
    for (const bad of ['//[', '//a:b:c/graphql', 'http://[/graphql']) {
      expect(await rawGet(server.url, bad)).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
  });
});
