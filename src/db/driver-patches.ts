import type { QueryRunner } from 'typeorm';

/*
 * The places the application writes into TypeORM's or node-postgres's internals, kept here
 * (and, for the fourth, in pipeline/one-sync-query.ts) so an upgrade has one list to check. Each checks what it relies on when applied and
 * throws rather than run on a shape it does not know; test/integration/database/driver-patches.test.ts
 * proves each assumption against the installed versions, and fails naming the one that moved.
 */

/**
 * 1. The request's statements, queued or pipelined (request-transaction.ts): TypeORM sends
 * every statement of a query runner, its managers' and query builders' alike, through the
 * runner's `query`, so replacing that one method sees them all.
 */
export function ownRunnerQuery(runner: QueryRunner): QueryRunner['query'] {
  if (typeof runner.query !== 'function') {
    throw new Error('The TypeORM query runner has no query method to replace');
  }
  return runner.query.bind(runner);
}

export function replaceRunnerQuery(runner: QueryRunner, query: QueryRunner['query']): void {
  runner.query = query;
}

/** A pooled node-postgres client, as TypeORM's runner holds it. */
export interface DriverClient {
  query: (...args: unknown[]) => unknown;
}

/**
 * 2. Named prepared statements (prepared-statements.ts): TypeORM's Postgres runner sends each
 * statement as `client.query(text, values)` on its pooled node-postgres client, and that
 * client also takes `{ name, text, values }` to prepare the statement once per connection.
 */
export function replaceClientQuery(
  client: DriverClient,
  replace: (own: DriverClient['query']) => DriverClient['query'],
): void {
  if (typeof client.query !== 'function') {
    throw new Error('The node-postgres client has no query method to replace');
  }
  client.query = replace(client.query.bind(client));
}

/**
 * 3. A transaction begun by hand (transaction-opening.ts, the pipelined opening): what
 * TypeORM's startTransaction() records, so its savepoints (RequestTransaction.atomic),
 * commit and rollback then work as usual. Checked first, so a TypeORM that keeps this state
 * differently fails the first request loudly.
 */
export function markTransactionStarted(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: unknown };
  if (state.isTransactionActive !== false || state.transactionDepth !== 0) {
    throw new Error('The TypeORM query runner does not keep transaction state as expected');
  }
  state.isTransactionActive = true;
  state.transactionDepth = 1;
}

/** The same state after a COMMIT sent by hand (an early one, see statement-pipeline.ts). */
export function markTransactionEnded(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

/*
 * 4. Statements closed by one Sync (pipeline/one-sync-query.ts): a subclass of node-postgres'
 * Query that writes several Bind/Describe/Execute series and one Sync, relying on the client
 * handing every message up to ReadyForQuery to its active query, and on Query's own handling
 * of several results (the one it keeps for multi-statement simple queries).
 */
