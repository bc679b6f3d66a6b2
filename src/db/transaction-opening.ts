import type { QueryRunner } from 'typeorm';
import { APP_ROLE, USER_SETTING } from './app-role';
import { markTransactionStarted } from './driver-patches';
import { inlineParams, type LiteralValue } from './inline-params';

/** A read that may share the transaction's opening round trip. */
export interface OpeningRead {
  readonly sql: string;
  readonly params: readonly LiteralValue[];
}

interface PgResult {
  readonly rows: Record<string, unknown>[];
}

interface PgClient {
  query(text: string): Promise<PgResult | PgResult[]>;
}

/** One statement of the opening: text and its parameters. */
export interface OpeningStatement {
  readonly sql: string;
  readonly params: readonly LiteralValue[];
}

/**
 * One snapshot for the whole request: a connection's totalCount and its nodes, or a page and
 * a nested list, come from the same moment even while the user writes elsewhere. A write that
 * meets a newer version of its row fails (ConflictError).
 */
export const START_SQL = 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ';

/** The role, the user and the statement timeout, as one parameterised statement. */
export function settingsStatement(viewerId: string, statementTimeoutMs?: number): OpeningStatement {
  const settings = [
    `set_config('role', $1, true)`,
    `set_config($2, $3, true)`,
    ...(statementTimeoutMs === undefined ? [] : [`set_config('statement_timeout', $4, true)`]),
  ];
  return {
    sql: `SELECT ${settings.join(', ')}`,
    params: [
      APP_ROLE,
      USER_SETTING,
      viewerId,
      ...(statementTimeoutMs === undefined ? [] : [`${Math.round(statementTimeoutMs)}ms`]),
    ],
  };
}

/**
 * The opening's text: START TRANSACTION, the role, the user and the statement timeout, then
 * `read` if any.
 */
export function openingSql(
  viewerId: string,
  read?: OpeningRead,
  statementTimeoutMs?: number,
): string {
  const settings = settingsStatement(viewerId, statementTimeoutMs);
  return [
    START_SQL,
    inlineParams(settings.sql, settings.params),
    ...(read ? [inlineParams(read.sql, read.params)] : []),
  ].join(';\n');
}

/**
 * Begins the request's transaction in one round trip: one simple-protocol query holding
 * START TRANSACTION, the role and user settings, and optionally a first read. PostgreSQL
 * parses the whole text up front but analyses, rewrites (row-level security is added
 * there) and plans each statement only after the one before it ran, so `read` already
 * runs as the app role for the user. If any part fails the rest is skipped and the
 * transaction is left aborted, for the caller to roll back. Answers `read`'s rows.
 */
export async function openTransaction(
  runner: QueryRunner,
  viewerId: string,
  read?: OpeningRead,
  statementTimeoutMs?: number,
): Promise<Record<string, unknown>[]> {
  const client = (await runner.connect()) as PgClient;
  const text = openingSql(viewerId, read, statementTimeoutMs);
  // Marked before sending: if the query fails after START TRANSACTION, rollback must follow.
  markTransactionStarted(runner);
  const results = await client.query(text);
  const last = Array.isArray(results) ? results[results.length - 1] : results;
  return read && last ? last.rows : [];
}
