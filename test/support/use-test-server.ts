import type { AppOptions } from '../../src/server';
import type { TestTarget } from './test-database';
import { startTestServer, type TestServer } from './test-server';

/** Settings for the server; a function when they are only known once the tests start. */
export type TestServerEnv = Record<string, string> | (() => Promise<Record<string, string>>);

/**
 * The target's server (on port 0) for the enclosing describe block: started in beforeAll,
 * closed in afterAll. The handle reads the running server, so tests use it as a TestServer.
 * Jest runs afterAll hooks in the order they are declared: cleanup that must happen while the
 * server still runs goes in an afterAll declared before this call.
 */
export function useTestServer(
  target: TestTarget,
  env: TestServerEnv = {},
  options: AppOptions = {},
): TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(target, typeof env === 'function' ? await env() : env, options);
  });
  afterAll(() => server?.close());
  const running = (): TestServer => {
    if (!server) throw new Error('the test server is not running (did its beforeAll fail?)');
    return server;
  };
  return {
    get app() {
      return running().app;
    },
    get config() {
      return running().config;
    },
    get url() {
      return running().url;
    },
    user: (claims) => running().user(claims),
    token: (claims) => running().token(claims),
    post: (body, headers) => running().post(body, headers),
    close: () => running().close(),
  };
}
