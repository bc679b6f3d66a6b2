import { z } from 'zod';
import { configIssueMessage } from './config-messages';

const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `15m`, `24h`, `30s`, `500ms` or a bare number of seconds into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
}

/** DB_STATEMENT_TIMEOUT's default; the bench measures the opening with it too. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
/**
 * How long opening a connection (or waiting for a pooled one) may take before the request
 * answers 503: node-postgres would otherwise wait for an unreachable host as long as TCP does.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

const duration = (name: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a duration like 30s, 15m or 24h` });
      return z.NEVER;
    }
    return ms;
  });

const bool = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');

const optionalUrl = z.url().optional();

const count = (min: number) => z.coerce.number().int().min(min);

/** A window or block time for a rate limiter: whole seconds, at least one. */
const seconds = (name: string) =>
  z.string().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === undefined || ms < 1000) {
      ctx.addIssue({ code: 'custom', message: `${name} must be a duration of 1s or more` });
      return z.NEVER;
    }
    return Math.ceil(ms / 1000);
  });

/** Exact origins only: a wildcard would let any site read answers with a user's token. */
const origins = z.string().transform((text, ctx) => {
  const list = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return list.flatMap((item) => {
    const origin = URL.canParse(item) ? new URL(item).origin : 'null';
    if (origin === 'null' || origin !== item.toLowerCase().replace(/\/$/, '')) {
      ctx.addIssue({
        code: 'custom',
        message: `CORS_ORIGINS: "${item}" is not an origin like https://app.example.com`,
      });
      return [];
    }
    return [origin];
  });
});

/** OTEL_EXPORTER_OTLP_HEADERS: `key=value,key2=value2`, values percent-encoded (OTel's rule). */
const otlpHeaders = (name: string) =>
  z.string().transform((text, ctx) => {
    const headers: Record<string, string> = {};
    for (const pair of text.split(',')) {
      const at = pair.indexOf('=');
      const key = at > 0 ? pair.slice(0, at).trim() : '';
      let value: string | undefined;
      try {
        value = decodeURIComponent(pair.slice(at + 1).trim());
      } catch {
        value = undefined;
      }
      if (!key || value === undefined) {
        // The value may be a credential: the message names the variable, never its text.
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be key=value pairs, comma-separated`,
        });
        return z.NEVER;
      }
      headers[key.toLowerCase()] = value;
    }
    return headers;
  });

const TRACE_SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).optional(),
    DATABASE_URL: z
      .url({ abort: true })
      .refine((url) => /^postgres(ql)?:\/\//i.test(url), {
        message: 'DATABASE_URL must be a postgres:// or postgresql:// URL (as Neon gives it)',
      })
      .optional(),
    DATABASE_LISTEN_URL: optionalUrl,
    DATA_DIR: z.string().min(1).default('./.data'),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DB_PREPARED_STATEMENTS: bool.default(true),
    DB_STATEMENT_TIMEOUT: duration('DB_STATEMENT_TIMEOUT').default(DEFAULT_STATEMENT_TIMEOUT_MS),
    DB_CONNECT_TIMEOUT: duration('DB_CONNECT_TIMEOUT').default(DEFAULT_CONNECT_TIMEOUT_MS),
    DB_IDLE_TIMEOUT: z
      .string()
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        if (ms === undefined) {
          ctx.addIssue({
            code: 'custom',
            message: 'DB_IDLE_TIMEOUT must be a duration like 10s or 5m, or 0 (never)',
          });
          return z.NEVER;
        }
        return ms;
      })
      .optional(),
    SERVER_TIMING: bool.default(true),
    COMPILED_READS: bool.default(true),
    STAGING_PLAYGROUND: bool.default(false),
    WEB_CONCURRENCY: count(1).max(64).default(1),
    BETTER_AUTH_SECRET: z.string().optional(),
    BETTER_AUTH_URL: optionalUrl,
    BETTER_AUTH_JWKS_URL: optionalUrl,
    JWKS_ONLY: bool.default(false),
    ACCOUNT_DELETION_SECRET: z
      .string()
      .min(32, 'ACCOUNT_DELETION_SECRET must be at least 32 characters')
      .optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    MAX_TOKEN_TTL: duration('MAX_TOKEN_TTL').default(24 * 3_600_000),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    ALLOW_RLS_BYPASS: bool.default(false),
    MAX_DEPTH: count(1).default(8),
    MAX_ALIASES: count(0).default(15),
    MAX_DIRECTIVES: count(0).default(50),
    MAX_TOKENS: count(1).default(2000),
    MAX_COST: count(1).default(20_000),
    MAX_FIELD_REPEATS: count(1).default(20),
    MAX_VALIDATION_ERRORS: count(1).default(100),
    MAX_BODY_BYTES: count(1024).default(100 * 1024),
    MAX_BATCH: count(0).max(100).default(0),
    CORS_ORIGINS: origins.default([]),
    REDIS_URL: optionalUrl,
    REDIS_COMMAND_TIMEOUT: duration('REDIS_COMMAND_TIMEOUT').default(500),
    REDIS_CONNECT_TIMEOUT: duration('REDIS_CONNECT_TIMEOUT').default(5_000),
    PUBLIC_URL: optionalUrl,
    TRUST_PROXY_HOPS: count(0).max(10).default(0),
    REQUIRE_DPOP: bool.default(false),
    DPOP_MAX_AGE: duration('DPOP_MAX_AGE').default(60_000),
    RATE_LIMIT_PREFIX: z.string().min(1).default('task-api:rl'),
    RATE_LIMIT_WINDOW: seconds('RATE_LIMIT_WINDOW').default(60),
    RATE_LIMIT_OPERATIONS: count(1).default(6000),
    RATE_LIMIT_MUTATIONS: count(1).default(6000),
    AUTH_FAILURE_LIMIT: count(1).default(100),
    PROBE_LIMIT: count(1).default(100),
    PROBE_SLOW_AFTER: count(1).default(50),
    PROBE_DELAY: duration('PROBE_DELAY').default(250),
    PROBE_BLOCK: seconds('PROBE_BLOCK').default(300),
    SHUTDOWN_TIMEOUT: duration('SHUTDOWN_TIMEOUT').default(10_000),
    REQUEST_TIMEOUT: duration('REQUEST_TIMEOUT').default(30_000),
    WS_MAX_SOCKETS_PER_USER: count(1).default(10),
    WS_MAX_SUBSCRIPTIONS: count(1).default(20),
    WS_MAX_BUFFERED_BYTES: count(1024).default(1024 * 1024),
    WS_MAX_MESSAGE_BYTES: count(1024).default(64 * 1024),
    WS_KEEPALIVE: duration('WS_KEEPALIVE').default(12_000),
    WS_INIT_TIMEOUT: duration('WS_INIT_TIMEOUT').default(5000),
    WS_SOCKET_LEASE: duration('WS_SOCKET_LEASE').default(10_000),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    METRICS_TOKEN: z.string().min(32, 'METRICS_TOKEN must be at least 32 characters').optional(),
    PERSISTED_QUERIES: bool.default(true),
    PERSISTED_QUERIES_TTL: duration('PERSISTED_QUERIES_TTL').default(24 * 3_600_000),
    TRUSTED_DOCUMENTS: z.string().min(1).optional(),
    OTEL_SDK_DISABLED: bool.default(false),
    OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none']).optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
    OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders('OTEL_EXPORTER_OTLP_HEADERS').optional(),
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: otlpHeaders('OTEL_EXPORTER_OTLP_TRACES_HEADERS').optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default('task-api'),
    OTEL_TRACES_SAMPLER: z.enum(TRACE_SAMPLERS).default('parentbased_always_on'),
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  })
  .superRefine(
    (env, ctx) => {
      if (env.PROBE_SLOW_AFTER > env.PROBE_LIMIT) {
        ctx.addIssue({
          code: 'custom',
          path: ['PROBE_SLOW_AFTER'],
          message: 'PROBE_SLOW_AFTER must not exceed PROBE_LIMIT',
        });
      }
      if (env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
        ctx.addIssue({
          code: 'custom',
          path: ['METRICS_PORT'],
          message: 'METRICS_PORT must differ from PORT (or be 0 to serve no metrics port)',
        });
      }
      if (env.JWKS_ONLY && !env.BETTER_AUTH_JWKS_URL && !env.BETTER_AUTH_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['JWKS_ONLY'],
          message: 'JWKS_ONLY needs BETTER_AUTH_JWKS_URL or BETTER_AUTH_URL (where the keys are)',
        });
      }
      if (env.NODE_ENV !== 'production') return;
      // JWKS-only: no token is checked with a secret, so none is required.
      if (!env.BETTER_AUTH_SECRET && !env.JWKS_ONLY) {
        ctx.addIssue({
          code: 'custom',
          path: ['BETTER_AUTH_SECRET'],
          message: 'BETTER_AUTH_SECRET is required when NODE_ENV=production',
        });
      } else if (env.BETTER_AUTH_SECRET && env.BETTER_AUTH_SECRET.length < 32) {
        ctx.addIssue({
          code: 'custom',
          path: ['BETTER_AUTH_SECRET'],
          message: 'BETTER_AUTH_SECRET must be at least 32 characters when NODE_ENV=production',
        });
      }
      if (env.ALLOW_RLS_BYPASS) {
        ctx.addIssue({
          code: 'custom',
          path: ['ALLOW_RLS_BYPASS'],
          message: 'ALLOW_RLS_BYPASS is for development only and cannot be set in production',
        });
      }
      // A proof names the URL it was made for; without PUBLIC_URL production cannot tell it
      // (the Host header is the client's say), so it accepts no DPoP: requiring it is an error.
      if (env.REQUIRE_DPOP === true && !env.PUBLIC_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message:
            'PUBLIC_URL is required with REQUIRE_DPOP in production: DPoP proofs are checked against it',
        });
      }
      // Also when a field above failed: every problem is listed in one go, not one per restart.
    },
    { when: () => true },
  );

/** Bounds on one request's document; each refusal answers 400 (413 for the body). */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  readonly maxTokens: number;
  /** Fields the answer may hold, lists multiplied by their `first` (see cost-limit.rule.ts). */
  readonly maxCost: number;
  /** Field nodes that may merge into one path of the answer (`{ me { id } me { id } }`: 2). */
  readonly maxFieldRepeats: number;
  readonly maxValidationErrors: number;
  readonly maxBodyBytes: number;
  /** Operations one JSON array may carry; 0 refuses batches. */
  readonly maxBatch: number;
}

/** One Redis for every user of it (src/redis/redis-connection.ts). */
export interface RedisSettings {
  readonly url: string;
  /** A command unanswered this long fails, as it would with Redis unreachable. */
  readonly commandTimeoutMs: number;
  /** Start-up: how long to wait for Redis to accept and answer its ready check. */
  readonly connectTimeoutMs: number;
}

/** Counted per window, shared by all instances when Redis is configured (Config.redis). */
export interface RateLimits {
  readonly keyPrefix: string;
  readonly windowSeconds: number;
  /** Per user (token sub): operations, and mutation fields. */
  readonly operations: number;
  readonly mutations: number;
  /** Per client IP: rejected tokens. */
  readonly authFailures: number;
  /** Per user: NOT_FOUND answers and null id lookups. */
  readonly probes: {
    readonly limit: number;
    readonly slowAfter: number;
    readonly delayMs: number;
    readonly blockSeconds: number;
  };
}

/** Subscriptions over WebSocket (graphql-transport-ws) at /graphql. */
export interface LiveSettings {
  /** Per user: across instances with Redis (leases), else per process. */
  readonly maxSocketsPerUser: number;
  /** With Redis: a socket's lease lapses this long after its instance last refreshed it. */
  readonly socketLeaseMs: number;
  /** Running subscriptions per socket. */
  readonly maxSubscriptions: number;
  /** Bytes queued unsent to one socket before it is closed as a slow consumer. */
  readonly maxBufferedBytes: number;
  /** Largest message a client may send (larger closes the socket, 1009). */
  readonly maxMessageBytes: number;
  /** Ping interval; a socket silent for one interval after a ping is dropped. */
  readonly keepAliveMs: number;
  /** How long a socket may stay open without a connection_init. */
  readonly initTimeoutMs: number;
}

/** Prometheus metrics: on their own port, and/or on the API port behind a token. */
export interface MetricsSettings {
  /** undefined: no metrics port (METRICS_PORT=0). */
  readonly port: number | undefined;
  readonly host: string;
  /** When set, /metrics answers only `Authorization: Bearer <token>`, also on the API port. */
  readonly token: string | undefined;
}

/** How operations' documents may arrive (README: Persisted and trusted documents). */
export interface DocumentSettings {
  /** Apollo's automatic persisted queries, per user; off: PERSISTED_QUERY_NOT_SUPPORTED. */
  readonly automaticPersistedQueries: boolean;
  /** How long an APQ text is kept after it was last registered (in Redis with Config.redis). */
  readonly ttlSeconds: number;
  /** Set: only the manifest's documents run, and APQ registration is off. */
  readonly trustedDocumentsPath: string | undefined;
}

/** OpenTelemetry tracing; off (and its SDK never loaded) unless an exporter is configured. */
export interface TracingSettings {
  /** undefined: tracing off. */
  readonly exporter: 'otlp' | 'console' | undefined;
  /** The OTLP/HTTP traces URL (…/v1/traces). */
  readonly url: string;
  /** Sent with every export; may hold credentials, so never logged. */
  readonly headers: Readonly<Record<string, string>>;
  readonly serviceName: string;
  readonly sampler: (typeof TRACE_SAMPLERS)[number];
  /** The ratio of the traceidratio samplers, 0-1. */
  readonly samplerRatio: number;
}

/** OTel's rule: the generic endpoint gets /v1/traces appended, the traces one is used as is. */
function tracingSettings(e: z.infer<typeof schema>): TracingSettings {
  const configured =
    e.OTEL_TRACES_EXPORTER !== undefined ||
    e.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ||
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  const exporter = e.OTEL_TRACES_EXPORTER ?? 'otlp';
  const base = (e.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318').replace(/\/+$/, '');
  return {
    exporter: configured && !e.OTEL_SDK_DISABLED && exporter !== 'none' ? exporter : undefined,
    url: e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${base}/v1/traces`,
    headers: { ...e.OTEL_EXPORTER_OTLP_HEADERS, ...e.OTEL_EXPORTER_OTLP_TRACES_HEADERS },
    serviceName: e.OTEL_SERVICE_NAME,
    sampler: e.OTEL_TRACES_SAMPLER,
    samplerRatio: e.OTEL_TRACES_SAMPLER_ARG,
  };
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  /** undefined: run on embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  /**
   * A direct (unpooled) URL for the one connection that LISTENs for changes: a
   * transaction-mode pooler (Neon's pooled URL) cannot hold a LISTEN. Defaults to databaseUrl.
   */
  readonly databaseListenUrl: string | undefined;
  readonly dataDir: string;
  readonly dbPoolMax: number;
  /** Named prepared statements for request queries; off behind a pooler that drops them. */
  readonly dbPreparedStatements: boolean;
  /** statement_timeout of every request transaction (PostgreSQL; PGlite has no timers). */
  readonly dbStatementTimeoutMs: number;
  /** How long a request waits to open or borrow a database connection before it answers 503. */
  readonly dbConnectTimeoutMs: number;
  /**
   * How long an unused pooled connection stays open (0: for good); undefined: 10 s on
   * PostgreSQL, for good on embedded PGlite.
   */
  readonly dbIdleTimeoutMs: number | undefined;
  /**
   * Introspection and GraphiQL (without a demo token: users paste their own). Always on
   * outside production; in production (staging) only with STAGING_PLAYGROUND. Every request
   * still needs a valid token, so only signed-in users get either.
   */
  readonly introspection: boolean;
  /** Answer a Server-Timing header (auth, db, total) on /graphql. */
  readonly serverTiming: boolean;
  /** Queries in the compiled subset answered by one JSON statement per root field. */
  readonly compiledReads: boolean;
  /** The origin clients address (behind a proxy): DPoP proofs name it in htu. */
  readonly publicUrl: string | undefined;
  /** Proxies in front whose X-Forwarded-For entries name the client; 0: the TCP peer is. */
  readonly trustProxyHops: number;
  readonly dpop: { readonly required: boolean; readonly maxAgeSeconds: number };
  /** Worker processes main.ts forks (node:cluster); 1 serves from the main process. */
  readonly webConcurrency: number;
  /** undefined only outside production: a development secret is then generated in dataDir. */
  readonly authSecret: string | undefined;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  /** Better Auth's JWKS for EdDSA/ES256/RS256/PS256 tokens; undefined: HS256 only. */
  readonly jwksUrl: string | undefined;
  /** HS256 refused altogether: only the key set's owner (Better Auth) can mint tokens. */
  readonly jwksOnly: boolean;
  /** Signs Better Auth's account-deletion calls (HMAC); undefined: that endpoint is off. */
  readonly accountDeletionSecret: string | undefined;
  readonly maxTokenTtlSeconds: number;
  readonly logLevel: string;
  /** pretty: one readable line per event (development's default); json elsewhere. */
  readonly logFormat: 'json' | 'pretty';
  readonly allowRlsBypass: boolean;
  readonly limits: OperationLimits;
  readonly rateLimits: RateLimits;
  /** undefined: no REDIS_URL, each process keeps its own counts and caches. */
  readonly redis: RedisSettings | undefined;
  /** Browser origins allowed to call the API (CORS); empty: none. */
  readonly corsOrigins: readonly string[];
  /** How long in-flight requests may run on after SIGTERM/SIGINT before they are cut. */
  readonly shutdownTimeoutMs: number;
  /** How long a client may take to send a whole request (headers and body) before a 408. */
  readonly requestTimeoutMs: number;
  readonly metrics: MetricsSettings;
  readonly documents: DocumentSettings;
  readonly tracing: TracingSettings;
  readonly live: LiveSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, so `FOO=` in a .env file does not turn into a bad value. */
function withoutEmpty(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
}

/** Validates the environment; lists every problem at once. The only reader of process.env. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(withoutEmpty(env), { error: configIssueMessage });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        return issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: e.DATABASE_URL,
    databaseListenUrl: e.DATABASE_LISTEN_URL ?? e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    dbPoolMax: e.DB_POOL_MAX,
    dbPreparedStatements: e.DB_PREPARED_STATEMENTS,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT,
    dbIdleTimeoutMs: e.DB_IDLE_TIMEOUT,
    serverTiming: e.SERVER_TIMING,
    compiledReads: e.COMPILED_READS,
    introspection: e.NODE_ENV !== 'production' || e.STAGING_PLAYGROUND,
    publicUrl: e.PUBLIC_URL,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    dpop: { required: e.REQUIRE_DPOP, maxAgeSeconds: Math.ceil(e.DPOP_MAX_AGE / 1000) },
    webConcurrency: e.WEB_CONCURRENCY,
    authSecret: e.BETTER_AUTH_SECRET,
    jwtIssuer: e.JWT_ISSUER ?? e.BETTER_AUTH_URL,
    jwtAudience: e.JWT_AUDIENCE ?? e.BETTER_AUTH_URL,
    jwksUrl:
      e.BETTER_AUTH_JWKS_URL ??
      (e.BETTER_AUTH_URL ? `${e.BETTER_AUTH_URL.replace(/\/+$/, '')}/api/auth/jwks` : undefined),
    jwksOnly: e.JWKS_ONLY,
    accountDeletionSecret: e.ACCOUNT_DELETION_SECRET,
    maxTokenTtlSeconds: Math.floor(e.MAX_TOKEN_TTL / 1000),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? 'pretty' : 'json'),
    allowRlsBypass: e.ALLOW_RLS_BYPASS,
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxCost: e.MAX_COST,
      maxFieldRepeats: e.MAX_FIELD_REPEATS,
      maxValidationErrors: e.MAX_VALIDATION_ERRORS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxBatch: e.MAX_BATCH,
    },
    rateLimits: {
      keyPrefix: e.RATE_LIMIT_PREFIX,
      windowSeconds: e.RATE_LIMIT_WINDOW,
      operations: e.RATE_LIMIT_OPERATIONS,
      mutations: e.RATE_LIMIT_MUTATIONS,
      authFailures: e.AUTH_FAILURE_LIMIT,
      probes: {
        limit: e.PROBE_LIMIT,
        slowAfter: e.PROBE_SLOW_AFTER,
        delayMs: e.PROBE_DELAY,
        blockSeconds: e.PROBE_BLOCK,
      },
    },
    redis: e.REDIS_URL
      ? {
          url: e.REDIS_URL,
          commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT,
          connectTimeoutMs: e.REDIS_CONNECT_TIMEOUT,
        }
      : undefined,
    corsOrigins: e.CORS_ORIGINS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT,
    requestTimeoutMs: e.REQUEST_TIMEOUT,
    metrics: {
      port: e.METRICS_PORT === 0 ? undefined : e.METRICS_PORT,
      host: e.METRICS_HOST,
      token: e.METRICS_TOKEN,
    },
    documents: {
      automaticPersistedQueries: e.PERSISTED_QUERIES,
      ttlSeconds: Math.ceil(e.PERSISTED_QUERIES_TTL / 1000),
      trustedDocumentsPath: e.TRUSTED_DOCUMENTS,
    },
    tracing: tracingSettings(e),
    live: {
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
      maxSubscriptions: e.WS_MAX_SUBSCRIPTIONS,
      maxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
      maxMessageBytes: e.WS_MAX_MESSAGE_BYTES,
      keepAliveMs: e.WS_KEEPALIVE,
      initTimeoutMs: e.WS_INIT_TIMEOUT,
      socketLeaseMs: e.WS_SOCKET_LEASE,
    },
  };
}
