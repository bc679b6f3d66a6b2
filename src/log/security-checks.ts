import type { Config } from '../config';
import type { Logger } from './logger';

export interface SecurityFacts {
  readonly rateLimitStore: 'redis' | 'memory';
  readonly secretGenerated: boolean;
}

/**
 * One audit line at start-up with the protections in force, and a warning for each setting
 * that weakens them. Names and numbers only: no secret, no URL (it may hold a password).
 */
export function logSecurityChecks(config: Config, log: Logger, facts: SecurityFacts): void {
  const production = config.isProduction;
  log.info(
    {
      event: 'security_check',
      production,
      introspection: config.introspection,
      landingPage: config.introspection,
      suggestions: !production,
      csrfPrevention: true,
      persistedQueries: false,
      corsOrigins: config.corsOrigins,
      limits: config.limits,
      rateLimits: { ...config.rateLimits, redisUrl: undefined, store: facts.rateLimitStore },
      trustProxyHops: config.trustProxyHops,
      generatedSecret: facts.secretGenerated,
    },
    'security checks',
  );
  const warn = (check: string, message: string) =>
    log.warn({ event: 'security_check', check }, message);
  if (!production) warn('environment', 'not production: introspection and suggestions are on');
  if (production && config.introspection) {
    warn('playground', 'STAGING_PLAYGROUND: introspection and GraphiQL are on for signed-in users');
  }
  if (facts.secretGenerated)
    warn('secret', 'tokens are checked with a generated development secret');
  if (production && config.trustProxyHops === 0) {
    warn(
      'client_address',
      'clients are counted by their TCP peer: behind a load balancer set TRUST_PROXY_HOPS',
    );
  }
  if (facts.rateLimitStore === 'memory' && (production || config.webConcurrency > 1)) {
    warn('rate_limit_store', 'rate limits count per process: set REDIS_URL to share them');
  }
  for (const origin of config.corsOrigins) {
    if (production && origin.startsWith('http:')) warn('cors', `CORS allows plain-http ${origin}`);
  }
  if (config.limits.maxBatch > 0)
    warn('batch', `batches of up to ${config.limits.maxBatch} accepted`);
}
