import { loadConfig, parseDuration } from '../../src/config';
import { problemsOf } from '../support/config-problems';

describe('loadConfig', () => {
  it('should default to development on embedded PGlite under ./.data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 4000,
      databaseUrl: undefined,
      dataDir: './.data',
      maxTokenTtlSeconds: 86400,
      allowRlsBypass: false,
    });
  });

  it('should refuse production without BETTER_AUTH_SECRET', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'BETTER_AUTH_SECRET is required when NODE_ENV=production',
    ]);
  });

  it('should refuse a production secret shorter than 32 characters', () => {
    expect(problemsOf({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(31) })).toEqual([
      'BETTER_AUTH_SECRET must be at least 32 characters when NODE_ENV=production',
    ]);
    expect(problemsOf({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) })).toEqual([]);
  });

  it('should need no BETTER_AUTH_SECRET in production with JWKS_ONLY, but a key set', () => {
    const env = { NODE_ENV: 'production', JWKS_ONLY: 'true' };
    expect(problemsOf({ ...env, BETTER_AUTH_URL: 'https://app.example.com' })).toEqual([]);
    expect(loadConfig({ ...env, BETTER_AUTH_URL: 'https://app.example.com' })).toMatchObject({
      jwksOnly: true,
      authSecret: undefined,
      jwksUrl: 'https://app.example.com/api/auth/jwks',
    });
    expect(problemsOf(env)).toEqual([
      'JWKS_ONLY needs BETTER_AUTH_JWKS_URL or BETTER_AUTH_URL (where the keys are)',
    ]);
    expect(loadConfig({}).jwksOnly).toBe(false);
  });

  it('should take an ACCOUNT_DELETION_SECRET of 32 characters or more', () => {
    expect(loadConfig({}).accountDeletionSecret).toBeUndefined();
    expect(loadConfig({ ACCOUNT_DELETION_SECRET: 'd'.repeat(32) }).accountDeletionSecret).toBe(
      'd'.repeat(32),
    );
    expect(problemsOf({ ACCOUNT_DELETION_SECRET: 'short' })).toEqual([
      'ACCOUNT_DELETION_SECRET must be at least 32 characters',
    ]);
  });

  it('should refuse ALLOW_RLS_BYPASS in production', () => {
    const env = {
      NODE_ENV: 'production',
      BETTER_AUTH_SECRET: 'x'.repeat(32),
      ALLOW_RLS_BYPASS: 'true',
    };
    expect(problemsOf(env)).toEqual([
      'ALLOW_RLS_BYPASS is for development only and cannot be set in production',
    ]);
  });

  it('should refuse REQUIRE_DPOP in production without PUBLIC_URL, listed with the others', () => {
    const env = { NODE_ENV: 'production', REQUIRE_DPOP: 'true' };
    expect(problemsOf(env)).toEqual([
      'BETTER_AUTH_SECRET is required when NODE_ENV=production',
      'PUBLIC_URL is required with REQUIRE_DPOP in production: DPoP proofs are checked against it',
    ]);
    const secret = 'x'.repeat(32);
    expect(
      problemsOf({ ...env, BETTER_AUTH_SECRET: secret, PUBLIC_URL: 'https://api.example.com' }),
    ).toEqual([]);
    expect(problemsOf({ ...env, NODE_ENV: 'development' })).toEqual([]);
  });

  it('should list every problem at once, one line each, naming the variable', () => {
    const problems = problemsOf({
      NODE_ENV: 'staging',
      PORT: 'eighty',
      DATABASE_URL: 'not a url',
      MAX_TOKEN_TTL: 'forever',
    });
    expect(problems).toHaveLength(4);
    for (const name of ['NODE_ENV', 'PORT', 'DATABASE_URL', 'MAX_TOKEN_TTL']) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
    }
  });

  it('should trust no proxy unless told how many stand in front, up to 10', () => {
    expect(loadConfig({}).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
    for (const wrong of ['-1', '11', '1.5', 'yes']) {
      expect(problemsOf({ TRUST_PROXY_HOPS: wrong })).toEqual([
        expect.stringContaining('TRUST_PROXY_HOPS'),
      ]);
    }
  });

  it('should leave the idle timeout to the database kind unless set, 0 meaning never', () => {
    expect(loadConfig({}).dbIdleTimeoutMs).toBeUndefined();
    expect(loadConfig({ DB_IDLE_TIMEOUT: '30s' }).dbIdleTimeoutMs).toBe(30_000);
    expect(loadConfig({ DB_IDLE_TIMEOUT: '0' }).dbIdleTimeoutMs).toBe(0);
    for (const wrong of ['-1', 'soon', '1.5s']) {
      expect(problemsOf({ DB_IDLE_TIMEOUT: wrong })).toEqual([
        expect.stringContaining('DB_IDLE_TIMEOUT'),
      ]);
    }
  });

  it('should take iss and aud from BETTER_AUTH_URL unless overridden', () => {
    const url = 'https://auth.example.com';
    expect(loadConfig({ BETTER_AUTH_URL: url })).toMatchObject({
      jwtIssuer: url,
      jwtAudience: url,
    });
    expect(
      loadConfig({ BETTER_AUTH_URL: url, JWT_ISSUER: 'iss', JWT_AUDIENCE: 'aud' }),
    ).toMatchObject({ jwtIssuer: 'iss', jwtAudience: 'aud' });
  });

  it('should lease a socket place for 10 s unless WS_SOCKET_LEASE says otherwise', () => {
    expect(loadConfig({}).live.socketLeaseMs).toBe(10_000);
    expect(loadConfig({ WS_SOCKET_LEASE: '3s' }).live.socketLeaseMs).toBe(3000);
    expect(problemsOf({ WS_SOCKET_LEASE: 'soon' })).toEqual([
      'WS_SOCKET_LEASE must be a duration like 30s, 15m or 24h',
    ]);
  });

  it('should bound Redis waits at 500 ms a command and 5 s to connect unless set otherwise', () => {
    expect(loadConfig({}).redis).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      commandTimeoutMs: 500,
      connectTimeoutMs: 5000,
    });
    expect(
      loadConfig({
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_COMMAND_TIMEOUT: '2s',
        REDIS_CONNECT_TIMEOUT: '1m',
      }).redis,
    ).toMatchObject({ commandTimeoutMs: 2000, connectTimeoutMs: 60_000 });
    expect(problemsOf({ REDIS_COMMAND_TIMEOUT: 'never', REDIS_CONNECT_TIMEOUT: '0s' })).toEqual([
      'REDIS_COMMAND_TIMEOUT must be a duration like 30s, 15m or 24h',
      'REDIS_CONNECT_TIMEOUT must be a duration like 30s, 15m or 24h',
    ]);
  });

  it('should treat empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({
      databaseUrl: undefined,
      port: 4000,
    });
  });
});

describe('parseDuration', () => {
  it('should read seconds, minutes, hours and days', () => {
    expect([
      parseDuration('30s'),
      parseDuration('15m'),
      parseDuration('24h'),
      parseDuration('2d'),
    ]).toEqual([30_000, 900_000, 86_400_000, 172_800_000]);
    expect(parseDuration('90')).toBe(90_000);
  });

  it('should reject anything else', () => {
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
  });
});
