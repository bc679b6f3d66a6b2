import { loadConfig } from '../../../src/config';
import { problemsOf } from '../../support/config-problems';

describe('loadConfig › abuse resistance', () => {
  it('should default to the documented limits', () => {
    expect(loadConfig({})).toMatchObject({
      limits: {
        maxDepth: 8,
        maxAliases: 15,
        maxDirectives: 50,
        maxTokens: 2000,
        maxCost: 20_000,
        maxValidationErrors: 100,
        maxBodyBytes: 102_400,
        maxBatch: 0,
      },
      // Counted in memory: no Redis (its one home is config.redis).
      redis: undefined,
      rateLimits: {
        keyPrefix: 'task-api:rl',
        windowSeconds: 60,
        operations: 6000,
        mutations: 6000,
        authFailures: 100,
        probes: { limit: 100, slowAfter: 50, delayMs: 250, blockSeconds: 300 },
      },
      corsOrigins: [],
    });
  });

  it('should read exact origins, normalised as browsers send them', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://App.example.com/, http://localhost:3000' });
    expect(config.corsOrigins).toEqual(['https://app.example.com', 'http://localhost:3000']);
  });

  it('should refuse wildcards, paths and null as origins, naming each', () => {
    const problems = problemsOf({ CORS_ORIGINS: '*, https://a.example/path, null' });
    expect(problems).toHaveLength(3);
    for (const bad of ['"*"', '"https://a.example/path"', '"null"']) {
      expect(problems.some((p) => p.includes('CORS_ORIGINS') && p.includes(bad))).toBe(true);
    }
  });

  it('should refuse windows under a second and a slow-down past the block', () => {
    expect(problemsOf({ RATE_LIMIT_WINDOW: '500ms' })).toEqual([
      'RATE_LIMIT_WINDOW must be a duration of 1s or more',
    ]);
    expect(problemsOf({ PROBE_LIMIT: '5', PROBE_SLOW_AFTER: '6' })).toEqual([
      'PROBE_SLOW_AFTER must not exceed PROBE_LIMIT',
    ]);
  });

  it('should list every bad limit at once', () => {
    const problems = problemsOf({
      MAX_DEPTH: '0',
      MAX_BATCH: '500',
      MAX_BODY_BYTES: 'lots',
      REDIS_URL: 'not a url',
      PROBE_DELAY: 'soon',
    });
    expect(problems).toHaveLength(5);
    for (const name of ['MAX_DEPTH', 'MAX_BATCH', 'MAX_BODY_BYTES', 'REDIS_URL', 'PROBE_DELAY']) {
      expect(problems.some((p) => p.includes(name))).toBe(true);
    }
  });
});
