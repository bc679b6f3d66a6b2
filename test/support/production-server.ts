import type { TestTarget } from './test-database';
import { captureLog, type LogCapture } from './log-capture';
import { startTestServer, TEST_SECRET, type TestServer } from './test-server';

export interface ProductionServer extends TestServer {
  readonly log: LogCapture;
}

/** The server as production runs it, with its log captured for the audit checks. */
export async function startProductionServer(
  target: TestTarget,
  env: Record<string, string> = {},
): Promise<ProductionServer> {
  const log = captureLog();
  const server = await startTestServer(
    target,
    { NODE_ENV: 'production', BETTER_AUTH_SECRET: TEST_SECRET, ...env },
    { log: log.logger },
  );
  return Object.assign(server, { log });
}
