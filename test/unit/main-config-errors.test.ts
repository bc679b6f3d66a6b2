import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Runs the real entry point (src/main.ts, compiled in memory) with exactly this environment. */
function start(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--require', './scripts/swc-register.cjs', 'src/main.ts'],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('start-up with a bad environment', () => {
  it('should stop with exit code 1 and one line per problem, naming each variable', async () => {
    const { code, stdout, stderr } = await start({
      NODE_ENV: 'staging',
      PORT: 'eighty',
      DATABASE_URL: '//user:hunter2@db.example.com:5432/app',
      DB_POOL_MAX: '500',
      MAX_TOKEN_TTL: 'forever',
      METRICS_TOKEN: 'short',
      SHUTDOWN_TIMEOUT: '-1s',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([
      'Invalid configuration:',
      '  - NODE_ENV must be one of development, production, test',
      '  - PORT must be a whole number',
      '  - DATABASE_URL must be a URL',
      '  - DB_POOL_MAX must be at most 200',
      '  - MAX_TOKEN_TTL must be a duration like 30s, 15m or 24h',
      '  - SHUTDOWN_TIMEOUT must be a duration like 30s, 15m or 24h',
      '  - METRICS_TOKEN must be at least 32 characters',
    ]);
    expect(stderr).not.toContain('hunter2');
  });

  it('should list production problems together with malformed values', async () => {
    const { code, stderr } = await start({
      NODE_ENV: 'production',
      PORT: '4000',
      METRICS_PORT: '4000',
      ALLOW_RLS_BYPASS: 'true',
      PROBE_LIMIT: 'many',
    });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      'Invalid configuration:',
      '  - PROBE_LIMIT must be a whole number',
      '  - METRICS_PORT must differ from PORT (or be 0 to serve no metrics port)',
      '  - BETTER_AUTH_SECRET is required when NODE_ENV=production',
      '  - ALLOW_RLS_BYPASS is for development only and cannot be set in production',
    ]);
  });
});
