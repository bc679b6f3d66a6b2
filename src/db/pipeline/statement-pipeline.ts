/** What a settled promise held, read later without an unhandled rejection in between. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export function unwrap<T>(settled: Settled<T>): T {
  if (!settled.ok) throw settled.error;
  return settled.value;
}

interface Corkable {
  cork?(): void;
  uncork?(): void;
}

/** The parts of a node-postgres client the pipeline drives. */
export interface PipelineClient {
  pipeline?: boolean;
  readonly connection: { readonly stream: Corkable };
  query(text: string, values?: readonly unknown[]): Promise<unknown>;
}

/**
 * One request's statements on one pooled connection in node-postgres' pipeline mode: each
 * statement is written at once, without waiting for the one before (PostgreSQL answers them
 * in order), and the socket is corked from the opening until the first wave of statements is
 * queued, so the opening (transaction, role, user, revocation check) and every statement the
 * document determines leave in one write and come back in one round trip.
 *
 * The first wave is what the resolvers send before any answer arrives: graphql-js, TypeORM
 * and DataLoader queue them in microtasks, so it ends at the next macrotask (setImmediate).
 * A read-only operation may end its transaction there too (commitEarly): COMMIT rides in the
 * same write. A statement after that has no transaction to run in, so it is refused
 * (`missed`) and the request runs again with a COMMIT of its own.
 */
export class StatementPipeline {
  private corked = true;
  private waveScheduled = false;
  private earlyKey: string | undefined;
  private earlyAllowed = true;
  private commitResult: Promise<Settled<unknown>> | undefined;
  private pendingOpening: (() => void) | undefined;
  /** The transaction ended with its one message (endedWith), not with a COMMIT. */
  endedInOneMessage = false;
  /** A statement came after the early COMMIT: the run is void. */
  missed = false;
  /** The transaction ends with a write's statements (endWithWrite): it is not run again. */
  endedByWrite = false;

  constructor(
    private readonly client: PipelineClient,
    /** Puts a statement on the request's database clock (BusyClock.time). */
    private readonly timed: <T>(
      work: Promise<T>,
      took?: (elapsedMs: number) => void,
    ) => Promise<T> = (work) => work,
  ) {
    client.pipeline = true;
    client.connection.stream.cork?.();
  }

  /**
   * Queues an opening statement behind the cork; `took` gets its time. With values it is a
   * parameterised statement, named (prepared-statements.ts) so its plan is kept.
   */
  open(
    text: string,
    values?: readonly unknown[],
    took?: (elapsedMs: number) => void,
  ): Promise<unknown> {
    return this.timed(values ? this.client.query(text, values) : this.client.query(text), took);
  }

  /**
   * The opening is queued only when the request's first statement is (or at flush): until
   * then takeOpening() may send it another way, with that statement (one-sync-query.ts).
   */
  deferOpening(send: () => void): void {
    this.pendingOpening = send;
  }

  /** The opening, if not sent yet: whoever takes it sends it. */
  takeOpening(): (() => void) | undefined {
    const send = this.pendingOpening;
    this.pendingOpening = undefined;
    return send;
  }

  /**
   * The opening left with the request's only statement and ended the transaction with it:
   * `ended` settles with their answer; any later statement is refused, as after an early COMMIT.
   */
  endedWith(ended: Promise<Settled<unknown>>): void {
    this.endedInOneMessage = true;
    this.commitResult = ended;
    this.flush();
  }

  /**
   * The operation only reads: its transaction may end with its first wave. `key` names the
   * document, so one that reads in several waves stops trying (early-commit.ts).
   */
  commitEarly(key: string): void {
    this.earlyKey = key;
  }

  /** Several operations share the transaction (a batch): none may end it early. */
  forbidEarlyCommit(): void {
    this.earlyAllowed = false;
  }

  /** Whether the transaction may still end here, before a COMMIT of its own. */
  get mayEnd(): boolean {
    return this.earlyAllowed && this.commitResult === undefined;
  }

  /**
   * A write's statements are all on their way, and every refusal they can meet is raised at
   * the database: COMMIT follows them in the same write (an error before it makes it a
   * ROLLBACK), so the transaction is not held open while its answers travel through the
   * application and back. Nothing may follow.
   */
  endWithWrite(): void {
    this.endedByWrite = true;
    // At the next macrotask, not now: TypeORM hands a statement to the driver a few
    // microtasks after its query() is called, and COMMIT must reach the wire behind it.
    this.commitResult = new Promise((resolve) =>
      setImmediate(() => {
        resolve(settle(this.timed(this.client.query('COMMIT'))));
        this.flush();
      }),
    );
  }

  /** The early COMMIT's outcome, once queued. */
  get earlyCommit(): Promise<Settled<unknown>> | undefined {
    return this.commitResult;
  }

  /**
   * Before each statement of the request: false when the transaction has already ended
   * (the caller refuses the statement); the first one schedules the end of the wave.
   */
  admit(mayEnd: (key: string) => boolean): boolean {
    this.takeOpening()?.();
    if (this.commitResult) {
      // After a write's end the request must not run again: its write is stored.
      if (!this.endedByWrite) this.missed = true;
      return false;
    }
    if (!this.waveScheduled) {
      this.waveScheduled = true;
      setImmediate(() => this.endWave(mayEnd));
    }
    return true;
  }

  /** After a refused statement: the document reads in waves, and should not end early again. */
  noteMiss(remember: (key: string) => void): void {
    if (this.earlyKey !== undefined) remember(this.earlyKey);
  }

  private endWave(mayEnd: (key: string) => boolean): void {
    // A write's end is on its way: its COMMIT goes in this write too (endWithWrite).
    if (!this.corked || this.endedByWrite) return;
    if (this.earlyKey !== undefined && this.earlyAllowed && mayEnd(this.earlyKey)) {
      this.commitResult = settle(this.timed(this.client.query('COMMIT')));
    }
    this.flush();
  }

  /** Sends whatever is queued now: before waiting on an answer outside a wave, and before release. */
  flush(): void {
    this.takeOpening()?.();
    if (!this.corked) return;
    this.corked = false;
    this.client.connection.stream.uncork?.();
  }
}
