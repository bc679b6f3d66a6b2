/** Drops omitted fields, so an update writes only what the caller sent (null included). */
export function definedOnly<T extends object>(changes: T): { -readonly [K in keyof T]: T[K] } {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as {
    -readonly [K in keyof T]: T[K];
  };
}
