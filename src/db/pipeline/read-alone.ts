import { performance } from 'node:perf_hooks';
import { QueryFailedError } from 'typeorm';
import { StaleReadError } from '../../errors/errors';
import { dbSpanAttributes } from '../../tracing/db-span';
import { isTracing, withSpan } from '../../tracing/span';
import { isDatabaseUnavailable } from '../database-unavailable';
import { notePreparedFailure, preparedName } from '../prepared-statements';
import { noted, type TransactionState } from '../transaction-state';
import type { BusyClock } from './busy-clock';
import { OneSyncQuery, type BoundStatement } from './one-sync-query';
import { mayShare, shared } from './shared-connection';
import { settle, type Settled, type StatementPipeline } from './statement-pipeline';

/** RequestTransaction.readAlone: undefined when the read can't be sent so. */
export type ReadAlone = (
  sql: string,
  params: readonly unknown[],
) => Promise<Record<string, unknown>[]> | undefined;

type Statement = { readonly sql: string; readonly params: readonly unknown[] };

export interface ReadAloneParts {
  readonly client: { query(query: never): unknown };
  readonly pipeline: StatementPipeline;
  readonly clock: BusyClock;
  /** The opening's settings (role, user, timeout) and its revocation check. */
  readonly settings: Statement;
  readonly check: Statement;
  readonly state: TransactionState;
  /** Settles the opening: the check's rows, or what failed before the read ran. */
  readonly opened: (outcome: Promise<Settled<Record<string, unknown>[]>>) => void;
  /** The opening's share of the message's round trip (Server-Timing's open). */
  readonly tookOpen?: (elapsedMs: number) => void;
  /** Gives the connection back to the pool, the read sent and not yet answered. */
  readonly giveBack?: () => void;
}

/**
 * The request's only statement sent with the opening as one message series (OneSyncQuery):
 * settings, check, read, one Sync. Only once the connection has prepared all three, and only
 * while the opening has not left (takeOpening).
 */
export function readAloneWith(parts: ReadAloneParts): ReadAlone {
  const { client, pipeline, clock, settings, check, state } = parts;
  return (sql, params) => {
    const statements = boundOn(client, [settings, check, { sql, params }]);
    if (!statements || !pipeline.takeOpening()) return undefined;
    const started = performance.now();
    let query!: OneSyncQuery;
    const send = () =>
      clock.time(
        new Promise<Record<string, unknown>[][]>((resolve, reject) => {
          query = new OneSyncQuery(statements, (error, results) =>
            error ? reject(error) : resolve(OneSyncQuery.rowsOf(results)),
          );
          void client.query(query as never);
        }),
        () => parts.tookOpen?.(performance.now() - started),
      );
    const traced = isTracing() ? dbSpanAttributes(sql) : undefined;
    const sent = traced ? withSpan(traced.name, traced.attributes, send) : send();
    const outcome = settle(sent);
    parts.opened(
      outcome.then((o) => {
        if (o.ok) return { ok: true as const, value: o.value[1] ?? [] };
        if (query.completed < 2) {
          state.openingFailed = true;
          return o;
        }
        return { ok: true as const, value: query.rowsSoFar()[1] ?? [] };
      }),
    );
    // A failed statement ended the implicit transaction as a failed COMMIT would not:
    // only a lost connection is the transaction's failure.
    pipeline.endedWith(
      outcome.then((o) =>
        o.ok || !isDatabaseUnavailable(o.error) ? { ok: true, value: null } : o,
      ),
    );
    // On the wire now, and its implicit transaction ends at its own Sync: the connection
    // holds nothing of this request, so the next one's message may queue behind it (the
    // pipeline keeps the answers in order). A backend then finds the next message waiting
    // instead of sleeping between requests.
    if (parts.giveBack && mayShare(client)) {
      shared(client, outcome);
      parts.giveBack();
    }
    return sent.then(
      (rows) => rows[2] ?? [],
      (error: unknown) => {
        notePreparedFailure(client, error);
        // The settings or the check failed: the opening's answer is the request's.
        if (query.completed < 2) throw new StaleReadError();
        throw noted(new QueryFailedError(sql, [...params], error as Error), state);
      },
    );
  };
}

/** The statements by their prepared names on this connection, if it has prepared them all. */
function boundOn(client: unknown, statements: readonly Statement[]): BoundStatement[] | undefined {
  const bound: BoundStatement[] = [];
  for (const { sql, params } of statements) {
    const name = preparedName(client, sql);
    if (name === undefined) return undefined;
    bound.push({ name, values: params });
  }
  return bound;
}
