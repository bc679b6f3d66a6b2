import type { AppOptions } from '../../src/server';
import { startProductionServer, type ProductionServer } from './production-server';
import type { TestTarget } from './test-database';
import { startTestServer, type TestServer } from './test-server';

/** Settings for the server; a function when they are only known once the tests start. */
export type TestServerEnv = Record<string, string> | (() => Promise<Record<string, string>>);

const settings = async (env: TestServerEnv) => (typeof env === 'function' ? env() : env);

/**
 * A server for the enclosing describe block: `start` runs in beforeAll, close in afterAll. The
 * handle stands for the running server (every property read is forwarded to it), so tests use
 * it as they would the server. Jest runs afterAll hooks in the order they are declared:
 * cleanup that needs the server still up goes in an afterAll declared before this call.
 */
export function useServer<S extends TestServer>(start: () => Promise<S>): S {
  let server: S | undefined;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.close());
  return new Proxy({} as S, {
    get(_, key) {
      if (!server) throw new Error('the test server is not running (did its beforeAll fail?)');
      return Reflect.get(server, key);
    },
  });
}

/** The target's server (on port 0, test settings) for the enclosing describe block. */
export function useTestServer(
  target: TestTarget,
  env: TestServerEnv = {},
  options: AppOptions = {},
): TestServer {
  return useServer(async () => startTestServer(target, await settings(env), options));
}

/** The target's server as production runs it, its log captured, for the enclosing block. */
export function useProductionServer(target: TestTarget, env: TestServerEnv = {}): ProductionServer {
  return useServer(async () => startProductionServer(target, await settings(env)));
}
