import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createGracefulClose } from '../../../src/http/graceful-close';
import { createRouter } from '../../../src/http/router';

const log = pino({ level: 'silent' }, { write: () => undefined });

/** A server whose one route runs until `release` is called, and a client that hangs up on it. */
async function serverWithHungUpRequest(timeoutMs: number) {
  const graceful = createGracefulClose({ timeoutMs, log });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const server: Server = createServer(
    graceful.wrap(
      createRouter(
        {
          '/slow': async (_req, res) => {
            started();
            await held;
            res.end('done');
          },
        },
        graceful.track,
      ),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const req = request({ port, host: '127.0.0.1', path: '/slow' });
  req.on('error', () => undefined);
  req.end();
  await running;
  req.destroy();
  return { graceful, server, release };
}

describe('graceful close', () => {
  it('should wait for a request whose client hung up before it resolves', async () => {
    const { graceful, server, release } = await serverWithHungUpRequest(5_000);
    let closed = false;
    const closing = graceful.close(server).then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(closed).toBe(true);
  });

  it('should stop waiting for such a request once the timeout passes', async () => {
    const { graceful, server, release } = await serverWithHungUpRequest(100);
    const started = Date.now();
    await graceful.close(server);
    expect(Date.now() - started).toBeLessThan(2_000);
    release();
  });
});
