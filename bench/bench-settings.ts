import { resolve } from 'node:path';
import { DEFAULT_STATEMENT_TIMEOUT_MS, parseDuration } from '../src/config';

/** What one `npm run bench` does; bench scripts read their own environment. */
export interface BenchSettings {
  /** undefined: the embedded database (PGlite) under dataDir, at a smaller default scale. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  /** Seeded users: 2 projects, 20 tasks and 3 tags each. */
  readonly users: number;
  /** The scale the list latency is compared with (BENCH_USERS must be larger). */
  readonly smallUsers: number;
  /** Users whose tokens the load rotates through, spread over all seeded users. */
  readonly tokenUsers: number;
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly soakSeconds: number;
  /** The live scenario: sockets subscribed to taskChanged while the mix runs, one per user. */
  readonly subscribers: number;
  /** How long after the load stops an event may still arrive before it counts as lost. */
  readonly liveGraceSeconds: number;
  /** Sequential requests that measure the server's own time without queueing. */
  readonly sequentialRequests: number;
  readonly scenarios: readonly string[];
  readonly serverEntry: string;
  /** When set, the server runs with --cpu-prof and writes its profile here. */
  readonly cpuProfileDir: string | undefined;
  /** false: print only (quick comparisons), leaving results and the chart as they are. */
  readonly save: boolean;
  readonly resultsDir: string;
  readonly chartPath: string;
  readonly logLevel: string;
  /** The server's DB_STATEMENT_TIMEOUT, set in its opening: the opening cost includes it. */
  readonly statementTimeoutMs: number;
}

export const ALL_SCENARIOS = ['list', 'byId', 'filtered', 'mix', 'soak', 'scale', 'live'] as const;

function integer(name: string, fallback: number, min: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

/** `20`, `20s`, `2m`: seconds. */
function seconds(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const match = /^(\d+)\s*(s|m)?$/.exec(text.trim());
  if (!match)
    throw new Error(`${name} must be a duration in seconds like 20 or 20s, not "${text}"`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}

export function loadBenchSettings(root: string): BenchSettings {
  const env = process.env;
  const databaseUrl = env.DATABASE_URL || undefined;
  const users = integer('BENCH_USERS', databaseUrl ? 100_000 : 1000, 2, 999_999);
  const scenarios = (env.BENCH_SCENARIOS ?? ALL_SCENARIOS.join(','))
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of scenarios) {
    if (!(ALL_SCENARIOS as readonly string[]).includes(name)) {
      throw new Error(`BENCH_SCENARIOS: unknown "${name}" (known: ${ALL_SCENARIOS.join(', ')})`);
    }
  }
  return {
    databaseUrl,
    dataDir: resolve(root, env.BENCH_DATA_DIR ?? '.data/bench'),
    users,
    smallUsers: integer('BENCH_SMALL_USERS', 1000, 2, 999_999),
    tokenUsers: Math.min(users, integer('BENCH_TOKEN_USERS', 2000, 1, 999_999)),
    connections: integer('BENCH_CONNECTIONS', 50, 1, 10_000),
    durationSeconds: seconds('BENCH_DURATION', 20),
    warmupSeconds: seconds('BENCH_WARMUP', 3),
    soakSeconds: seconds('BENCH_SOAK_DURATION', 60),
    // One socket per user: never more subscribers than users with a token.
    subscribers: Math.min(
      users,
      integer('BENCH_TOKEN_USERS', 2000, 1, 999_999),
      integer('BENCH_SUBSCRIBERS', 50, 1, 10_000),
    ),
    liveGraceSeconds: seconds('BENCH_LIVE_GRACE', 5),
    sequentialRequests: integer('BENCH_SEQUENTIAL_REQUESTS', 300, 0, 100_000),
    scenarios,
    serverEntry: resolve(root, env.BENCH_SERVER_ENTRY ?? 'dist/src/main.js'),
    cpuProfileDir: env.BENCH_CPU_PROF ? resolve(root, env.BENCH_CPU_PROF) : undefined,
    save: env.BENCH_SAVE !== 'false',
    resultsDir: resolve(root, 'bench/results'),
    chartPath: resolve(root, 'docs/benchmarks.svg'),
    logLevel: env.BENCH_LOG_LEVEL ?? 'warn',
    statementTimeoutMs:
      parseDuration(env.DB_STATEMENT_TIMEOUT ?? '') ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  };
}
