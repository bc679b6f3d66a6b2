import { loadConfig } from '../../../src/config';
import { logSecurityChecks } from '../../../src/log/security-checks';
import { captureLog } from '../../support/log-capture';

const PRODUCTION = { NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) };

function linesFor(env: Record<string, string>, socketPlaces: 'redis' | 'process' = 'redis') {
  const log = captureLog();
  logSecurityChecks(loadConfig(env), log.logger, {
    rateLimitStore: 'redis',
    socketPlaces,
    secretGenerated: false,
    documents: { persistedQueries: 'automatic', store: 'redis', trustedCount: undefined },
    tracing: false,
  });
  return log.events('security_check');
}

const warningsFor = (env: Record<string, string>) => linesFor(env).filter((line) => line.check);
const auditOf = (env: Record<string, string>) => linesFor(env).find((line) => !line.check)!;

const checks = (env: Record<string, string>) => warningsFor(env).map((line) => line.check);

describe('logSecurityChecks', () => {
  it('should warn in production when tokens are tied to no issuer, naming the settings', () => {
    const warning = warningsFor(PRODUCTION).find((line) => line.check === 'token_issuer');
    expect(warning?.level).toBe(40);
    for (const name of ['BETTER_AUTH_URL', 'JWT_ISSUER', 'JWT_AUDIENCE']) {
      expect(warning?.msg).toContain(name);
    }
    expect(checks({ ...PRODUCTION, JWT_ISSUER: 'https://auth.example' })).toContain('token_issuer');
  });

  it('should not warn about the issuer once BETTER_AUTH_URL, or JWT_ISSUER and JWT_AUDIENCE, are set', () => {
    expect(checks({ ...PRODUCTION, BETTER_AUTH_URL: 'https://auth.example' })).not.toContain(
      'token_issuer',
    );
    expect(
      checks({ ...PRODUCTION, JWT_ISSUER: 'https://auth.example', JWT_AUDIENCE: 'task-api' }),
    ).not.toContain('token_issuer');
    expect(checks({})).not.toContain('token_issuer');
  });

  it('should warn in production without PUBLIC_URL that DPoP-bound tokens are refused', () => {
    expect(checks(PRODUCTION)).toContain('dpop');
    expect(checks({ ...PRODUCTION, PUBLIC_URL: 'https://api.example.com' })).not.toContain('dpop');
    expect(checks({})).not.toContain('dpop');
  });

  it('should report introspection and the playground off in production, with no playground warning', () => {
    expect(auditOf(PRODUCTION)).toMatchObject({
      production: true,
      introspection: false,
      landingPage: false,
    });
    expect(checks(PRODUCTION)).not.toContain('playground');
  });

  it('should report them on and warn with STAGING_PLAYGROUND in production', () => {
    const staging = { ...PRODUCTION, STAGING_PLAYGROUND: 'true' };
    expect(auditOf(staging)).toMatchObject({
      production: true,
      introspection: true,
      landingPage: true,
    });
    expect(checks(staging)).toContain('playground');
  });

  it('should say where socket places are counted and the Redis bounds, without the URL', () => {
    const withRedis = { REDIS_URL: 'redis://:hunter2@redis.internal:6379' };
    const line = linesFor(withRedis);
    const audit = line.find((entry) => !entry.check)!;
    expect(audit).toMatchObject({
      socketPlaces: 'redis',
      redis: { commandTimeoutMs: 500, connectTimeoutMs: 5000 },
    });
    expect(JSON.stringify(line)).not.toContain('hunter2');
    const alone = linesFor({}, 'process').find((entry) => !entry.check)!;
    expect(alone).toMatchObject({ socketPlaces: 'process', redis: null });
  });

  it('should report REDIS_COMMAND_TIMEOUT and REDIS_CONNECT_TIMEOUT as set', () => {
    const env = {
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_COMMAND_TIMEOUT: '2s',
      REDIS_CONNECT_TIMEOUT: '250ms',
    };
    expect(auditOf(env)).toMatchObject({
      redis: { commandTimeoutMs: 2000, connectTimeoutMs: 250 },
    });
  });
});
