import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { signToken } from '../../../src/auth/token-signer';
import { freePort } from '../../support/free-port';
import { samples } from '../../support/prometheus-text';
import { startSlowPost } from '../../support/slow-request';
import { TEST_TARGETS, type TestTarget } from '../../support/test-database';
import { TEST_SECRET } from '../../support/test-server';

const ROOT = join(__dirname, '../../..');

interface EntryPoint {
  readonly url: string;
  readonly metricsUrl: string;
  signal(name: NodeJS.Signals): void;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * src/main.ts as the image runs it (NODE_ENV=production, so Apollo's own signal handling would
 * be on), compiled in memory: the signals reach the real entry point, not a test's createApp.
 */
async function startEntryPoint(env: Record<string, string>): Promise<EntryPoint> {
  const metricsPort = await freePort();
  const child = spawn(
    process.execPath,
    ['--require', './scripts/swc-register.cjs', 'src/main.ts'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        METRICS_PORT: String(metricsPort),
        BETTER_AUTH_SECRET: TEST_SECRET,
        SHUTDOWN_TIMEOUT: '10s',
        ...env,
      },
    },
  );
  const exit = once(child, 'exit').then(([code, signal]) => ({ code, signal }));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      for (const line of output.split('\n')) {
        if (line.includes('"event":"listening"')) resolve(JSON.parse(line).url);
      }
    });
    void exit.then(() => reject(new Error(`main.ts exited before listening:\n${output}`)));
  });
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    signal: (name) => child.kill(name),
    exit,
  };
}

async function untilRouted(metricsUrl: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const metrics = samples(await (await fetch(metricsUrl)).text());
    if ((metrics.get('task_api_http_requests_in_flight{route="/graphql"}') ?? 0) > 0) return;
    await sleep(10);
  }
  throw new Error('the slow request never reached the server');
}

describe.each(TEST_TARGETS)('SIGTERM to the entry point on $name', (target: TestTarget) => {
  let db: Awaited<ReturnType<TestTarget['create']>>;
  let entry: EntryPoint | undefined;
  beforeAll(async () => {
    db = await target.create();
  });
  afterAll(async () => {
    entry?.signal('SIGKILL');
    await db.drop();
  });

  it('should finish the request in flight, then exit with code 0', async () => {
    entry = await startEntryPoint({
      DATA_DIR: db.config.dataDir,
      ...(db.config.databaseUrl ? { DATABASE_URL: db.config.databaseUrl } : {}),
    });
    const sub = `drain-${randomUUID()}`;
    const token = await signToken(TEST_SECRET, { sub });
    const slow = startSlowPost(entry.url, JSON.stringify({ query: '{ me { id } }' }), {
      authorization: `Bearer ${token}`,
    });
    await untilRouted(entry.metricsUrl);

    entry.signal('SIGTERM');
    // Long enough for a handler that stops at once to have ended the process.
    await sleep(300);
    slow.finish();

    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { me: { id: sub } } });
    expect(await entry.exit).toEqual({ code: 0, signal: null });
  });
});
