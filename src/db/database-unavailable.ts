/** Socket errors: the database host refused, dropped or never answered the connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  // A Unix socket with no server behind it (the embedded database between two threads).
  'ENOENT',
]);

/**
 * SQLSTATEs of a server going away or not taking connections: admin_shutdown (a fast
 * restart, pg_terminate_backend), crash_shutdown, cannot_connect_now (starting up or
 * shutting down), too_many_connections. Class 08 (connection exception) is matched whole.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres and its pool say, without a code, about a connection that is gone. */
const DRIVER_MESSAGES = [
  /^Connection terminated/,
  /is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed/,
];

/**
 * duplicate_prepared_statement, invalid_sql_statement_name: the session's prepared
 * statements are not the ones the driver believes it made (prepared-statements.ts heals it).
 */
const OUT_OF_STEP_CODES = new Set(['42P05', '26000']);

/** The error and what it wraps: TypeORM's driverError, GraphQL's originalError, causes. */
function* chain(error: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (depth > 5 || typeof error !== 'object' || error === null) return;
  const e = error as Record<string, unknown>;
  yield e;
  for (const inner of [e['driverError'], e['originalError'], e['cause']]) {
    if (inner !== error) yield* chain(inner, depth + 1);
  }
  // Several addresses tried (localhost as ::1 and 127.0.0.1): an AggregateError of each.
  if (Array.isArray(e['errors'])) for (const inner of e['errors']) yield* chain(inner, depth + 1);
}

function isConnectionFailure(e: Record<string, unknown>): boolean {
  const { code, message } = e;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) {
      return true;
    }
  }
  return typeof message === 'string' && DRIVER_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * True when `error` says the database cannot be reached or the connection died: the
 * request is answered 503 SERVICE_UNAVAILABLE, not 500, and counted as an outage.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) if (isConnectionFailure(e)) return true;
  return false;
}

/** True when a statement failed because the session's prepared statements were out of step. */
export function isStatementsOutOfStep(error: unknown): boolean {
  for (const { code } of chain(error)) {
    if (typeof code === 'string' && OUT_OF_STEP_CODES.has(code)) return true;
  }
  return false;
}
