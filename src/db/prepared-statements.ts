import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { isStatementsOutOfStep } from './database-unavailable';
import { replaceClientQuery, type DriverClient } from './driver-patches';

/**
 * Distinct statement texts that get a name. The application's statements are a few dozen
 * shapes (ids travel as one array parameter, `= ANY($1)`, so a text does not change with
 * their number); the cap keeps an unforeseen source of texts from growing every
 * connection's set of prepared statements without bound. Texts past it run unnamed.
 */
const MAX_NAMED = 500;

const numbers = new Map<string, number>();
const enabled = new WeakSet<DataSource>();
const wrapped = Symbol('preparedStatements');
/** Names differ between processes too: a pooler may hand two of them one server session. */
const processTag = randomBytes(3).toString('hex');
let nextSet = 0;

interface PgClient extends DriverClient {
  [wrapped]?: { prefix: string };
  readonly connection?: { readonly parsedStatements?: Record<string, string | undefined> };
}

function numberFor(text: string): number | undefined {
  let number = numbers.get(text);
  if (number === undefined && numbers.size < MAX_NAMED) {
    number = numbers.size + 1;
    numbers.set(text, number);
  }
  return number;
}

/** A name prefix no session has seen: one per connection, and a new one after a collision. */
function freshPrefix(): string {
  nextSet += 1;
  return `task_api_${processTag}_${nextSet}_`;
}

/**
 * Requests on this DataSource use named prepared statements (DB_PREPARED_STATEMENTS): each
 * connection parses and plans a statement shape once, then only binds and executes it.
 * Off for poolers in transaction mode that cannot keep prepared statements (PgBouncer
 * before 1.21, or without max_prepared_statements).
 */
export function usePreparedStatements(dataSource: DataSource): void {
  enabled.add(dataSource);
}

/**
 * Names the parameterised statements a pooled connection sends (TypeORM's, through the
 * driver's `query(text, values)`), once per connection. Statements without parameters
 * stay on the simple protocol, where several may share one text.
 *
 * Names are per connection: a session can outlive the connection that prepared in it
 * (embedded PGlite is one session behind every connection the pool opens), and a new
 * connection must never try to prepare a name that session already holds. Should the
 * session still disagree with the driver (a name taken, or a prepared one gone), the
 * connection moves to fresh names: that statement's request fails, the next ones work.
 */
export function prepareStatementsOn(dataSource: DataSource, client: unknown): void {
  const pg = client as PgClient;
  if (!enabled.has(dataSource) || pg[wrapped]) return;
  const state = { prefix: freshPrefix() };
  replaceClientQuery(pg, (query) => (...args: unknown[]) => {
    const [text, values, ...rest] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const number = numberFor(text);
      if (number !== undefined) {
        const prefix = state.prefix;
        const sent = query({ name: `${prefix}${number}`, text, values }, ...rest);
        void Promise.resolve(sent).catch((error: unknown) => {
          if (isStatementsOutOfStep(error) && state.prefix === prefix) state.prefix = freshPrefix();
        });
        return sent;
      }
    }
    return query(...args);
  });
  pg[wrapped] = state;
}

/**
 * The name `text` is prepared under on this connection, if the connection has already parsed
 * it (a statement sent by name alone must be one the session holds).
 */
export function preparedName(client: unknown, text: string): string | undefined {
  const pg = client as PgClient;
  const state = pg[wrapped];
  const number = numbers.get(text);
  if (!state || number === undefined) return undefined;
  const name = `${state.prefix}${number}`;
  return pg.connection?.parsedStatements?.[name] === text ? name : undefined;
}

/** After a failed statement sent by name: as prepareStatementsOn does for its own. */
export function notePreparedFailure(client: unknown, error: unknown): void {
  const state = (client as PgClient)[wrapped];
  if (state && isStatementsOutOfStep(error)) state.prefix = freshPrefix();
}
