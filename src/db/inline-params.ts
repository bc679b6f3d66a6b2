import { escapeLiteral } from 'pg';

/** What a statement of ours may carry inline: the simple query protocol takes no parameters. */
export type LiteralValue = string | number | boolean | null;

function literal(value: LiteralValue | undefined, index: string): string {
  if (value === undefined) throw new TypeError(`inlineParams: no value for $${index}`);
  if (value === null) return 'NULL';
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`inlineParams: $${index} is not a finite number`);
  }
  const text = String(value);
  // PostgreSQL text cannot hold NUL; refusing beats a literal cut short.
  if (text.includes('\u0000')) throw new TypeError(`inlineParams: $${index} contains NUL`);
  // Quoted like every value: an untyped literal takes its type from context exactly as the
  // driver's untyped text parameters do, and a negative number cannot meet a `-` as `--`.
  return escapeLiteral(text);
}

/**
 * Writes `$1`, `$2`, … of a statement as SQL literals so it can travel in a multi-statement
 * simple query. Only for SQL written in this code base, which has no `$n` inside its own
 * string literals; values are escaped with the driver's escapeLiteral.
 */
export function inlineParams(sql: string, params: readonly LiteralValue[]): string {
  return sql.replace(/\$(\d+)/g, (_match, index: string) =>
    literal(params[Number(index) - 1], index),
  );
}
