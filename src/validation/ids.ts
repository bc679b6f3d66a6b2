const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else names no record, so it is answered like a missing one. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
