import { z } from 'zod';

const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `15m`, `24h`, `30s`, `500ms` or a bare number of seconds into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] ?? 's']!;
}

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

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).optional(),
    DATABASE_URL: optionalUrl,
    DATA_DIR: z.string().min(1).default('./.data'),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    BETTER_AUTH_SECRET: z.string().optional(),
    BETTER_AUTH_URL: optionalUrl,
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    MAX_TOKEN_TTL: duration('MAX_TOKEN_TTL').default(24 * 3_600_000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    ALLOW_RLS_BYPASS: bool.default(false),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.BETTER_AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'BETTER_AUTH_SECRET is required when NODE_ENV=production',
      });
    } else if (env.BETTER_AUTH_SECRET.length < 32) {
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
  });

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly port: number;
  readonly host: string;
  /** undefined: run on embedded PGlite under dataDir. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly dbPoolMax: number;
  /** undefined only outside production: a development secret is then generated in dataDir. */
  readonly authSecret: string | undefined;
  readonly jwtIssuer: string | undefined;
  readonly jwtAudience: string | undefined;
  readonly maxTokenTtlSeconds: number;
  readonly logLevel: string;
  readonly allowRlsBypass: boolean;
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
  const parsed = schema.safeParse(withoutEmpty(env));
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
    dataDir: e.DATA_DIR,
    dbPoolMax: e.DB_POOL_MAX,
    authSecret: e.BETTER_AUTH_SECRET,
    jwtIssuer: e.JWT_ISSUER ?? e.BETTER_AUTH_URL,
    jwtAudience: e.JWT_AUDIENCE ?? e.BETTER_AUTH_URL,
    maxTokenTtlSeconds: Math.floor(e.MAX_TOKEN_TTL / 1000),
    logLevel: e.LOG_LEVEL,
    allowRlsBypass: e.ALLOW_RLS_BYPASS,
  };
}
