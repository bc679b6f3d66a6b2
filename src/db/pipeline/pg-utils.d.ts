/** node-postgres' own value mapping for bound parameters (arrays, dates, buffers, null). */
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): unknown;
}
