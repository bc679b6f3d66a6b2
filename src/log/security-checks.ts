import type { Config } from '../config';
import { displayUrl } from './display-url';
import type { OpenDocuments } from '../documents/open-documents';
import type { Logger } from './logger';

export interface SecurityFacts {
  readonly rateLimitStore: 'redis' | 'memory';
  /** Where WS_MAX_SOCKETS_PER_USER is counted: across instances in Redis, or per process. */
  readonly socketPlaces: 'redis' | 'process';
  readonly secretGenerated: boolean;
  readonly documents: Pick<OpenDocuments, 'persistedQueries' | 'store' | 'trustedCount'>;
  /** Whether spans are exported (the endpoint and its headers are never logged). */
  readonly tracing: boolean;
}

/**
 * One audit line at start-up with the protections in force, and a warning for each setting
 * that weakens them. Names and numbers only: no secret; the one URL, where the token keys
 * come from, without credentials or query.
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
      persistedQueries: facts.documents.persistedQueries,
      ...(facts.documents.store ? { persistedQueryStore: facts.documents.store } : {}),
      ...(facts.documents.trustedCount !== undefined
        ? { trustedDocuments: facts.documents.trustedCount }
        : {}),
      tracing: facts.tracing,
      corsOrigins: config.corsOrigins,
      limits: config.limits,
      rateLimits: { ...config.rateLimits, store: facts.rateLimitStore },
      socketPlaces: facts.socketPlaces,
      // The bounds on every Redis wait; the URL may carry a password, so it stays out.
      redis: config.redis
        ? {
            commandTimeoutMs: config.redis.commandTimeoutMs,
            connectTimeoutMs: config.redis.connectTimeoutMs,
          }
        : null,
      trustProxyHops: config.trustProxyHops,
      generatedSecret: facts.secretGenerated,
      jwksUrl: config.jwksUrl === undefined ? null : displayUrl(config.jwksUrl),
      hs256: !config.jwksOnly,
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
  if (production && config.jwksUrl !== undefined && !config.jwksOnly) {
    warn('hs256', 'HS256 tokens are accepted beside the key set: JWKS_ONLY=true refuses them');
  }
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
  if (production && config.publicUrl === undefined) {
    warn('dpop', 'DPoP-bound tokens are refused: set PUBLIC_URL, the URL their proofs name');
  }
  if (production && (config.jwtIssuer === undefined || config.jwtAudience === undefined)) {
    warn(
      'token_issuer',
      'tokens are not tied to an issuer and audience: any token signed with the secret passes; ' +
        'set BETTER_AUTH_URL, or JWT_ISSUER and JWT_AUDIENCE',
    );
  }
  if (config.limits.maxBatch > 0)
    warn('batch', `batches of up to ${config.limits.maxBatch} accepted`);
}
