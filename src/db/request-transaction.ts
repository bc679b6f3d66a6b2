import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { ConflictError, StaleReadError } from '../errors/errors';
import type { Logger } from '../log/logger';
import { dbSpanAttributes } from '../tracing/db-span';
import { isTracing, withSpan } from '../tracing/span';
import { BusyClock } from './pipeline/busy-clock';
import { HandOver } from './pipeline/hand-over';
import { mayCommitEarly, rememberMultiWave } from './pipeline/early-commit';
import {
  settle,
  StatementPipeline,
  unwrap,
  type PipelineClient,
  type Settled,
} from './pipeline/statement-pipeline';
import { readAloneWith, type ReadAlone } from './pipeline/read-alone';
import { prepareStatementsOn } from './prepared-statements';
import { attachRequestScope, type RequestScope } from './request-scope';
import {
  isConcurrentChange,
  noted,
  watchConnection,
  type ConnectionEvents,
  type TransactionState,
} from './transaction-state';
import {
  markTransactionEnded,
  markTransactionStarted,
  ownRunnerQuery,
  replaceRunnerQuery,
} from './driver-patches';
import {
  openTransaction,
  settingsStatement,
  START_SQL,
  type OpeningRead,
} from './transaction-opening';

/** Told where the request's database time went (Server-Timing's db and pool). */
export interface StatementTimer {
  /** One round trip to the database. */
  addDb(elapsedMs: number): void;
  /** Waiting for a pooled connection, before any statement. */
  addPoolWait(elapsedMs: number): void;
  /** The opening round trip (pipelined: until its answer, which shares a round trip). */
  addOpen?(elapsedMs: number): void;
}

export interface BeginOptions {
  readonly timer?: StatementTimer;
  /** Runs in the opening round trip, right after the role and user are set: see openingRows. */
  readonly read?: OpeningRead;
  /**
   * PostgreSQL's statement_timeout for this transaction only (DB_STATEMENT_TIMEOUT). PGlite
   * runs without timers and ignores it.
   */
  readonly statementTimeoutMs?: number;
  /**
   * Pipelined (statement-pipeline.ts): begin() returns before the opening is even sent; it
   * leaves with the request's first statements, and `opened` answers its rows. `read` must
   * then refuse by raising, since the statements behind it are already on their way.
   */
  readonly pipelined?: boolean;
  /**
   * Pipelined only: judges the opening (its `read` rows, or the error it raised) before the
   * transaction may commit; what it throws is the request's answer.
   */
  readonly checkOpening?: (opening: Settled<Record<string, unknown>[]>) => void;
}

/**
 * One database transaction per request, on one pooled connection, with the role and the
 * user set by `set_config(..., true)`: both end with the transaction, so nothing bleeds
 * into the next request on that connection, and it works behind a transaction-mode
 * pooler (no session state). Every statement of the request, loaders included, runs here.
 */
export class RequestTransaction {
  private finished = false;
  private savepoints = 0;
  /** RELEASE SAVEPOINT of each mutation that succeeded, answered or on its way. */
  private readonly releases: Promise<Settled<unknown>>[] = [];
  /** Inside the operation's last write (atomic with `last`): sendInOrder ends the transaction. */
  private ending = false;
  /** That write answered: its COMMIT must have committed. */
  private wrote = false;
  /** That write failed before its end was sent: the transaction rolls back whole. */
  private rollbackOnly = false;

  /** Built by begin() only. */
  constructor(
    private readonly runner: QueryRunner,
    /** The viewer and log every row read in this transaction is checked against. */
    readonly requestScope: RequestScope,
    /** The rows of BeginOptions.read; empty without one. */
    readonly openingRows: readonly Record<string, unknown>[],
    /** How long the opening round trip took, in milliseconds. */
    readonly openingMs: number,
    private readonly state: TransactionState,
    /** Told of each statement as the runner is given it (serializeQueries, pipelineQueries). */
    private readonly handOver: HandOver,
    private readonly pipeline?: StatementPipeline,
    /** Pipelined: the opening, judged by checkOpening; awaited before COMMIT. */
    private readonly opening?: Promise<Settled<Record<string, unknown>[]>>,
    private readonly alone?: ReadAlone,
  ) {}

  static async begin(
    dataSource: DataSource,
    viewerId: string,
    log: Logger,
    options: BeginOptions = {},
  ): Promise<RequestTransaction> {
    const runner = dataSource.createQueryRunner();
    if (options.pipelined) return beginPipelined(runner, dataSource, viewerId, log, options);
    const state: TransactionState = { changed: false, timedOut: false };
    try {
      const waitStarted = performance.now();
      const client = (await runner.connect()) as ConnectionEvents;
      prepareStatementsOn(dataSource, client);
      options.timer?.addPoolWait(performance.now() - waitStarted);
      watchConnection(client, state);
      const handOver = new HandOver();
      serializeQueries(runner, options.timer, state, handOver);
      const openingStarted = performance.now();
      const rows = await withSpan('BEGIN', OPENING_SPAN, () =>
        openTransaction(runner, viewerId, options.read, options.statementTimeoutMs),
      );
      const openingMs = performance.now() - openingStarted;
      options.timer?.addDb(openingMs);
      const scope = { viewerId, log };
      attachRequestScope(runner, scope);
      return new RequestTransaction(runner, scope, rows, openingMs, state, handOver);
    } catch (error) {
      await discard(runner, state);
      throw error;
    }
  }

  get manager(): EntityManager {
    return this.runner.manager;
  }

  get viewerId(): string {
    return this.requestScope.viewerId;
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.runner.query(sql, params) as Promise<T[]>;
  }

  /**
   * The request's one and only statement, a read: sent with the opening's settings and
   * revocation check as one implicit transaction (one Sync, no START or COMMIT), when the
   * opening has not left yet and this connection has prepared all three. A single statement
   * sees one snapshot, so REPEATABLE READ adds nothing to it. Undefined when it can't be
   * sent so (then query() it); the transaction has ended once it is sent.
   */
  readAlone<T = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[],
  ): Promise<T[]> | undefined {
    return this.alone?.(sql, params) as Promise<T[]> | undefined;
  }

  /**
   * A write's statements that depend on each other, in one round trip: each step starts once
   * the one before has handed its first statement to the connection, without waiting for its
   * answer (HandOver.inOrder). It throws the first failure in the steps' order, so the checks
   * go first: a missing project's NOT_FOUND, not the insert's foreign-key error behind it.
   */
  sendInOrder<T extends readonly unknown[]>(steps: {
    readonly [K in keyof T]: () => Promise<T[K]>;
  }): Promise<T> {
    const ending = this.ending;
    this.ending = false;
    const end = (clean: boolean) => {
      if (clean) this.pipeline?.endWithWrite();
    };
    return this.handOver.inOrder(steps, ending ? end : undefined) as Promise<unknown> as Promise<T>;
  }

  /**
   * Runs one mutation all-or-nothing inside the request's transaction (a savepoint), so a
   * failed mutation leaves no trace while earlier ones in the same document stand. Neither
   * SAVEPOINT nor RELEASE waits for its answer: the statements after each leave behind it
   * (in order on the connection), and commit() checks the releases.
   */
  async atomic<T>(work: () => Promise<T>, { last = false }: AtomicOptions = {}): Promise<T> {
    if (last && this.pipeline?.mayEnd) return this.lastWrite(work);
    const name = `mutation_${(this.savepoints += 1)}`;
    const opened = settle(this.runner.query(`SAVEPOINT ${name}`));
    let result: T;
    try {
      result = await work();
    } catch (error) {
      // Without its savepoint the transaction had failed before the mutation: that is why.
      unwrap(await opened);
      await this.runner.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw isConcurrentChange(error) ? new ConflictError() : error;
    }
    unwrap(await opened);
    this.releases.push(settle(this.runner.query(`RELEASE SAVEPOINT ${name}`)));
    return result;
  }

  /**
   * See AtomicOptions.last. No savepoint: a failure rolls back the whole transaction, which
   * holds nothing else. Ended in the write's message (sendInOrder) when every step handed its
   * statement over; a step refused in JavaScript before that leaves it to roll back.
   */
  private async lastWrite<T>(work: () => Promise<T>): Promise<T> {
    this.ending = true;
    try {
      const result = await work();
      this.wrote = true;
      return result;
    } catch (error) {
      if (!this.pipeline?.endedByWrite) this.rollbackOnly = true;
      throw isConcurrentChange(error) ? new ConflictError() : error;
    } finally {
      this.ending = false;
    }
  }

  /**
   * A statement met a row changed after this transaction's snapshot (a mutation, or the
   * first sight of a user that two requests insert at once): the request's answer is
   * stale, and running it again in a new transaction gives the answer it should have.
   */
  get conflicted(): boolean {
    return this.state.changed;
  }

  /**
   * A statement ran past the statement timeout. Outside a savepoint that aborts the whole
   * transaction, so COMMIT would quietly roll back what the answer reports as done: the
   * request must be answered with QueryTimeoutError alone.
   */
  get timedOut(): boolean {
    return this.state.timedOut;
  }

  /**
   * A statement failed because the connection died or the session's prepared statements were
   * out of step: the transaction is lost, and the request must be answered
   * ServiceUnavailableError alone. The failure itself, for the log.
   */
  get unavailable(): unknown {
    return this.state.unavailable;
  }

  /**
   * A read-only run whose statement came after its transaction had ended in the opening
   * message (statement-pipeline.ts): its answer is void and the request runs again.
   */
  get missed(): boolean {
    return this.pipeline?.missed ?? false;
  }

  /** The operation only reads: see StatementPipeline.commitEarly. No-op unless pipelined. */
  readOnly(documentKey: string): void {
    this.pipeline?.commitEarly(documentKey);
  }

  /** Several operations share this transaction (a batch): it ends with COMMIT of its own. */
  shared(): void {
    this.pipeline?.forbidEarlyCommit();
  }

  async commit(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    try {
      this.pipeline?.flush();
      if (this.opening) this.state.checkOpening?.(await this.opening);
      // The last write failed before its end was sent: nothing of the transaction stands.
      if (this.rollbackOnly) return await this.discard();
      const early = this.pipeline?.earlyCommit;
      if (early) {
        // Sent with the request's first statements; its span is the wait for its answer. A
        // transaction ended by its one message's Sync has no COMMIT to show.
        const traced = isTracing() && !this.pipeline!.endedInOneMessage;
        const ended = unwrap(await (traced ? withSpan('COMMIT', COMMIT_SPAN, () => early) : early));
        markTransactionEnded(this.runner);
        // A failed statement turns COMMIT into ROLLBACK: a write that answered must not be lost.
        if (this.wrote && (ended as { command?: string }).command !== 'COMMIT') {
          throw new Error('the write answered, but its transaction rolled back at COMMIT');
        }
      } else {
        await this.runner.commitTransaction();
      }
      // A release that failed had aborted the transaction, and COMMIT then rolled it back.
      for (const released of await Promise.all(this.releases)) unwrap(released);
    } catch (error) {
      await this.discard();
      throw error;
    } finally {
      this.state.detach?.();
      if (!this.runner.isReleased) await this.runner.release();
    }
  }

  async rollback(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.discard();
  }

  private async discard(): Promise<void> {
    this.pipeline?.flush();
    const early = this.pipeline?.earlyCommit;
    if (!early) return discard(this.runner, this.state);
    // Ended already (a read-only transaction: nothing to undo): only its answer to wait for.
    await early;
    markTransactionEnded(this.runner);
    this.state.detach?.();
    if (!this.runner.isReleased) await this.runner.release();
  }
}

export interface AtomicOptions {
  /**
   * The operation's only root field, whose answer needs no statement after the write's own
   * read back: its transaction may end in the write's message (see lastWrite).
   */
  readonly last?: boolean;
}

/** See BeginOptions.pipelined. */
async function beginPipelined(
  runner: QueryRunner,
  dataSource: DataSource,
  viewerId: string,
  log: Logger,
  options: BeginOptions,
): Promise<RequestTransaction> {
  let pipeline: StatementPipeline | undefined;
  const state: TransactionState = {
    changed: false,
    timedOut: false,
    checkOpening: options.checkOpening,
  };
  try {
    const waitStarted = performance.now();
    const client = (await runner.connect()) as PipelineClient & ConnectionEvents;
    prepareStatementsOn(dataSource, client);
    options.timer?.addPoolWait(performance.now() - waitStarted);
    watchConnection(client, state);
    const clock = new BusyClock(options.timer);
    pipeline = new StatementPipeline(client, (work, took) => clock.time(work, took));
    // Marked before sending: if the opening fails after START TRANSACTION, rollback must follow.
    markTransactionStarted(runner);
    // Three statements, not one text: the settings and the check are parameterised, so each
    // connection plans them once. Pipelined, they still share the request's one round trip;
    // each runs after the one before, so the check already runs as the app role.
    const failed = (error: unknown) => {
      // Set before the statements behind it report their 25P02: noted() reads it.
      state.openingFailed = true;
      throw error;
    };
    const settings = settingsStatement(viewerId, options.statementTimeoutMs);
    const { read } = options;
    let opened!: (outcome: Promise<Settled<Record<string, unknown>[]>>) => void;
    const opening = new Promise<Settled<Record<string, unknown>[]>>((resolve) => {
      opened = resolve;
    });
    const open = pipeline;
    open.deferOpening(() => {
      const started = open.open(START_SQL).catch(failed);
      // Taken once START is on the database clock, so open stays within db.
      const openingStarted = performance.now();
      const set = open.open(settings.sql, settings.params).catch(failed);
      const checked = read
        ? open.open(read.sql, read.params, () =>
            options.timer?.addOpen?.(performance.now() - openingStarted),
          )
        : undefined;
      opened(
        settle(
          Promise.all([started, set, checked?.catch(failed)]).then(
            ([, , result]) =>
              (result as { rows?: Record<string, unknown>[] } | undefined)?.rows ?? [],
          ),
        ),
      );
    });
    if (isTracing()) void withSpan('BEGIN', OPENING_SPAN, () => opening);
    const alone = read
      ? readAloneWith({
          client,
          pipeline,
          clock,
          settings,
          check: read,
          state,
          opened,
          tookOpen: options.timer?.addOpen?.bind(options.timer),
          giveBack: () => {
            state.detach?.();
            state.detach = undefined;
            void runner.release();
          },
        })
      : undefined;
    const handOver = new HandOver();
    pipelineQueries(runner, pipeline, clock, state, handOver);
    const scope = { viewerId, log };
    attachRequestScope(runner, scope);
    return new RequestTransaction(runner, scope, [], 0, state, handOver, pipeline, opening, alone);
  } catch (error) {
    pipeline?.flush();
    await discard(runner, state);
    throw error;
  }
}

/**
 * Pipelined statements go out as they come (node-postgres keeps their order on the wire);
 * one after the transaction's early end is refused with StaleReadError.
 */
function pipelineQueries(
  runner: QueryRunner,
  pipeline: StatementPipeline,
  clock: BusyClock,
  state: TransactionState,
  handOver: HandOver,
): void {
  const query = tracedQuery(runner);
  replaceRunnerQuery(runner, ((...args: Parameters<QueryRunner['query']>) => {
    handOver.note();
    if (!pipeline.admit(mayCommitEarly)) {
      // A selection the write's end was wrongly allowed for (write-selection.ts): never rerun.
      if (pipeline.endedByWrite) return Promise.reject(new Error('a statement after its write'));
      pipeline.noteMiss(rememberMultiWave);
      return Promise.reject(new StaleReadError());
    }
    return clock.time(query(...args)).catch((error: unknown) => {
      throw noted(error, state);
    });
  }) as QueryRunner['query']);
}

/**
 * The runner's own query, a span around each statement when tracing is on. Chosen once per
 * transaction: without tracing a statement costs no span work at all. startActiveSpan calls
 * its function at once, so pipelined statements keep their order on the wire.
 */
function tracedQuery(runner: QueryRunner): QueryRunner['query'] {
  const sent = ownRunnerQuery(runner);
  if (!isTracing()) return sent;
  return (...args: Parameters<QueryRunner['query']>) => {
    const { name, attributes } = dbSpanAttributes(args[0]);
    return withSpan(name, attributes, () => sent(...args));
  };
}

const OPENING_SPAN = { 'db.system.name': 'postgresql', 'db.operation.name': 'BEGIN' };
const COMMIT_SPAN = { 'db.system.name': 'postgresql', 'db.operation.name': 'COMMIT' };

/**
 * GraphQL resolves sibling fields concurrently, but one connection runs one statement at
 * a time: queue them here rather than lean on the driver's deprecated implicit queue.
 */
function serializeQueries(
  runner: QueryRunner,
  timer: StatementTimer | undefined,
  state: TransactionState,
  handOver: HandOver,
): void {
  const query = tracedQuery(runner);
  const timed = timer
    ? async (...args: Parameters<QueryRunner['query']>) => {
        const started = performance.now();
        try {
          return await query(...args);
        } finally {
          timer.addDb(performance.now() - started);
        }
      }
    : query;
  let tail: Promise<unknown> = Promise.resolve();
  replaceRunnerQuery(runner, ((...args: Parameters<QueryRunner['query']>) => {
    // Queued in call order: handed over now, as far as the statements behind it care.
    handOver.note();
    const run = tail
      .then(() => timed(...args))
      .catch((error: unknown) => {
        throw noted(error, state);
      });
    tail = run.catch(() => undefined);
    return run;
  }) as QueryRunner['query']);
}

async function discard(runner: QueryRunner, state: TransactionState): Promise<void> {
  try {
    // A runner released under us lost its connection, and the server rolled back with it.
    if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction();
  } finally {
    state.detach?.();
    if (!runner.isReleased) await runner.release();
  }
}
