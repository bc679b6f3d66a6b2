/**
 * SQL expressions that write JSON text exactly as JSON.stringify writes the answer
 * graphql-js would give: no spaces, keys in the selection's order, dates as
 * Date#toISOString, so the compiled answer can be sent as PostgreSQL wrote it.
 */

/** A string value (to_json escapes as JSON.stringify does; PostgreSQL text holds no NUL). */
export const jsonText = (sql: string): string => `to_json(${sql})::text`;

export const jsonNullable = (json: string): string => `coalesce(${json}, 'null')`;

export const jsonBool = (sql: string): string => `CASE WHEN ${sql} THEN 'true' ELSE 'false' END`;

/** A literal JSON string (type names, cursor keys): GraphQL names need no escaping. */
export const jsonLiteral = (value: string): string => `'${JSON.stringify(value)}'`;

/**
 * Date#toISOString of a timestamptz: four-digit years as to_char writes them; outside
 * 1000-9999 the year as JavaScript writes it (year 0 for 1 BC, six digits and a sign past
 * 0-9999). Milliseconds truncated, as the driver's parser truncates microseconds.
 */
export function isoDate(sql: string): string {
  const utc = `(${sql} AT TIME ZONE 'UTC')`;
  const pgYear = `extract(year FROM ${utc})::int`;
  const year = `(CASE WHEN ${pgYear} < 0 THEN ${pgYear} + 1 ELSE ${pgYear} END)`;
  const yearText = `CASE WHEN ${year} BETWEEN 0 AND 9999 THEN lpad(${year}::text, 4, '0')
    WHEN ${year} < 0 THEN '-' || lpad((-${year})::text, 6, '0')
    ELSE '+' || lpad(${year}::text, 6, '0') END`;
  return `CASE WHEN ${utc} >= '1000-01-01' AND ${utc} < '10000-01-01'
    THEN to_char(${utc}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ELSE (${yearText}) || to_char(${utc}, '-MM-DD"T"HH24:MI:SS.MS"Z"') END`;
}

export const jsonDate = (sql: string): string => `'"' || ${isoDate(sql)} || '"'`;

/** `{"k":v,…}` from (key, JSON expression) pairs, in their order. */
export function jsonObject(pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return `'{}'`;
  return pairs
    .map(([key, value], i) => `'${i === 0 ? '{' : ','}${JSON.stringify(key)}:' || ${value}`)
    .concat(`'}'`)
    .join(' || ');
}

/** Base64url without padding, as Buffer#toString('base64url') writes it. */
export const base64url = (sql: string): string =>
  `translate(encode(convert_to(${sql}, 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
