import { ServiceUnavailableError, QueryTimeoutError, StaleReadError } from '../errors/errors';
import { isDatabaseUnavailable, isStatementsOutOfStep } from './database-unavailable';
import type { Settled } from './pipeline/statement-pipeline';
import { SQLSTATE, sqlStateOf } from './sqlstate';

/** What the request's failed statements said: told to the handler after a run. */
export interface TransactionState {
  /** One met a row changed after the snapshot: the run is stale. */
  changed: boolean;
  /** One ran past statement_timeout: the transaction is aborted. */
  timedOut: boolean;
  /** What a statement failed with when the connection or its session was lost. */
  unavailable?: unknown;
  /** Stops listening to the pooled connection's errors, at the transaction's end. */
  detach?: () => void;
  /** Pipelined: the opening failed (a revoked token, say), so every later statement does. */
  openingFailed?: boolean;
  /** Pipelined: BeginOptions.checkOpening. */
  readonly checkOpening?: (opening: Settled<Record<string, unknown>[]>) => void;
}

/** The pooled connection's error event: it fires when the connection dies. */
export interface ConnectionEvents {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeListener(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * The connection can die between statements too: TypeORM then releases the runner, and the
 * next statement fails with nothing saying why but this.
 */
export function watchConnection(client: ConnectionEvents, state: TransactionState): void {
  const lost = (error: unknown) => void (state.unavailable ??= error);
  client.on('error', lost);
  state.detach = () => client.removeListener('error', lost);
}

/** Another request of the user got there first: the document is worth one retry. */
const CONCURRENT_CHANGE = new Set<string>([
  SQLSTATE.serializationFailure,
  SQLSTATE.deadlockDetected,
]);
const QUERY_CANCELED = SQLSTATE.queryCanceled;
const IN_FAILED_TRANSACTION = SQLSTATE.inFailedTransaction;

/**
 * Records what a failed statement says about the transaction and answers the error to throw:
 * a timeout, and every statement after it in the aborted transaction, as QueryTimeoutError;
 * a lost connection or session as ServiceUnavailableError.
 */
export function noted(error: unknown, state: TransactionState): unknown {
  const code = sqlStateOf(error);
  // Not this statement's fault: the request's answer is the opening's (checkOpening).
  if (state.openingFailed && code === IN_FAILED_TRANSACTION) return new StaleReadError();
  if (code !== undefined && CONCURRENT_CHANGE.has(code)) state.changed = true;
  if (code === QUERY_CANCELED) state.timedOut = true;
  // Once the connection is lost, whatever fails next fails for that reason.
  if (state.unavailable !== undefined) return new ServiceUnavailableError(state.unavailable);
  if (isDatabaseUnavailable(error) || isStatementsOutOfStep(error)) {
    state.unavailable ??= error;
    return new ServiceUnavailableError(error);
  }
  const timedOut = code === QUERY_CANCELED || (state.timedOut && code === IN_FAILED_TRANSACTION);
  return timedOut ? new QueryTimeoutError() : error;
}

export function isConcurrentChange(error: unknown): boolean {
  const code = sqlStateOf(error);
  return code !== undefined && CONCURRENT_CHANGE.has(code);
}
