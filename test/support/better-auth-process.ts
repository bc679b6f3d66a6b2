/**
 * A real Better Auth server (email and password, JWT plugin, memory adapter) in a child
 * process: better-auth ships only ES modules, which the test runner's module system cannot
 * load, but Node's own require can. Run as
 *   node --require ./scripts/swc-register.cjs test/support/better-auth-process.ts
 * it listens on a free loopback port and prints {"url": …} once ready.
 */
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';
import { jwt } from 'better-auth/plugins';

const server = createServer();
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const url = `http://127.0.0.1:${address.port}`;
  const auth = betterAuth({
    baseURL: url,
    secret: 'better-auth-process-secret-0123456789abcdef',
    database: memoryAdapter({ user: [], session: [], account: [], verification: [], jwks: [] }),
    emailAndPassword: { enabled: true },
    plugins: [jwt()],
    telemetry: { enabled: false },
  });
  server.on('request', toNodeHandler(auth));
  process.stdout.write(`${JSON.stringify({ url })}\n`);
});
