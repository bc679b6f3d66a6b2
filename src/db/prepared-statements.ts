import type { DataSource } from 'typeorm';

/**
 * Distinct statement texts that get a name. The application's statements are a few dozen
 * shapes (ids travel as one array parameter, `= ANY($1)`, so a text does not change with
 * their number); the cap keeps an unforeseen source of texts from growing every
 * connection's set of prepared statements without bound. Texts past it run unnamed.
 */
const MAX_NAMED = 500;

const names = new Map<string, string>();
const enabled = new WeakSet<DataSource>();
const wrapped = Symbol('preparedStatements');

interface PgClient {
  query: (...args: unknown[]) => unknown;
  [wrapped]?: true;
}

function nameFor(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `task_api_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
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
 */
export function prepareStatementsOn(dataSource: DataSource, client: unknown): void {
  const pg = client as PgClient;
  if (!enabled.has(dataSource) || pg[wrapped]) return;
  const query = pg.query.bind(pg);
  pg.query = (...args: unknown[]) => {
    const [text, values, ...rest] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = nameFor(text);
      if (name !== undefined) return query({ name, text, values }, ...rest);
    }
    return query(...args);
  };
  pg[wrapped] = true;
}
