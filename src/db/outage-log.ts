import type { Logger } from '../log/logger';

/** Tells the log when the database went away and when it came back: one line each. */
export interface OutageLog {
  /** A request or probe could not reach the database. */
  failed(error: unknown): void;
  /**
   * A request or probe that began at `startedAt` (this log's clock) was served. One begun
   * before the outage did not see the database come back, so it ends nothing.
   */
  served(startedAt: number): void;
  /** This log's clock: what `served` compares against. */
  now(): number;
}

/**
 * While the database is away every request fails the same way; a line each would bury the
 * log (and cost the most exactly when the service is struggling). The first failure is
 * logged with its error, the rest are counted, and the recovery reports how long and how many.
 */
export function createOutageLog(log: Logger, now: () => number = Date.now): OutageLog {
  let since: number | undefined;
  let refused = 0;
  return {
    failed(error) {
      refused += 1;
      if (since !== undefined) return;
      since = now();
      log.error(
        { event: 'database_unavailable', err: error },
        'database unavailable: answering 503 until it is back',
      );
    },
    now,
    served(startedAt) {
      if (since === undefined || startedAt < since) return;
      log.info(
        { event: 'database_available', downMs: now() - since, refused },
        'database available again',
      );
      since = undefined;
      refused = 0;
    },
  };
}
