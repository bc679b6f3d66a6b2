import { Query } from 'pg';
import { prepareValue } from 'pg/lib/utils';

/** A statement already prepared on the connection, with its parameters. */
export interface BoundStatement {
  readonly name: string;
  readonly values: readonly unknown[];
}

/** What node-postgres hands a query when it submits it. */
interface WireConnection {
  bind(config: {
    portal: string;
    statement: string;
    values: readonly unknown[];
    binary: boolean;
    valueMapper: (value: unknown) => unknown;
  }): void;
  describe(config: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows?: number }): void;
  sync(): void;
}

interface PgResult {
  readonly rows: Record<string, unknown>[];
  readonly command?: string | null;
}

type Callback = (error: Error | null, results?: PgResult | PgResult[]) => void;

/** The parts of node-postgres' Query this builds on (its declared types omit them). */
interface QueryInternals {
  submit(connection: WireConnection): Error | null;
  handleCommandComplete(msg: unknown, connection: unknown): void;
  /** One result, or one per statement once there are several. */
  readonly _results: PgResult | PgResult[];
}

const PgQuery = Query as unknown as new (config: {
  text: string;
  callback: Callback;
}) => QueryInternals;

/**
 * Several prepared statements in one extended-protocol message series closed by one Sync
 * (driver-patches.ts, point 4): PostgreSQL runs everything before a Sync as one implicit
 * transaction, so `set_config(…, true)` holds for the statements after it, the first error
 * skips the rest, and the transaction ends at the Sync. No START TRANSACTION, no COMMIT, and
 * one ReadyForQuery instead of one per statement. node-postgres sends each of its own queries
 * with a Sync; in pipeline mode it takes only its Query class, so this is one.
 */
export class OneSyncQuery extends PgQuery {
  /** Statements that reported CommandComplete: the index of the one that failed, if any. */
  completed = 0;

  constructor(
    readonly statements: readonly BoundStatement[],
    callback: Callback,
  ) {
    super({ text: '', callback });
  }

  override submit(connection: WireConnection): Error | null {
    for (const { name, values } of this.statements) {
      connection.bind({
        portal: '',
        statement: name,
        values,
        binary: false,
        valueMapper: prepareValue as (value: unknown) => unknown,
      });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '' });
    }
    connection.sync();
    return null;
  }

  override handleCommandComplete(msg: unknown, connection: unknown): void {
    this.completed += 1;
    super.handleCommandComplete(msg, connection);
  }

  /** The rows of the statements that completed (before an error). */
  rowsSoFar(): Record<string, unknown>[][] {
    return OneSyncQuery.rowsOf(this._results).slice(0, this.completed);
  }

  /** Each statement's rows, in order (every statement here returns rows). */
  static rowsOf(results: PgResult | PgResult[] | undefined): Record<string, unknown>[][] {
    if (!results) return [];
    return (Array.isArray(results) ? results : [results]).map((r) => r.rows);
  }
}
