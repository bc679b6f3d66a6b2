/**
 * Cursors are base64url JSON `[ordering, sortValue, id]` (src/pagination/cursor.ts); the
 * tests take them apart to forge hand-edited ones.
 */
export type CursorParts = [ordering: string, value: string | number | null, id: string];

export function decodeCursor(cursor: string): CursorParts {
  return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorParts;
}

export function encodeCursor(parts: CursorParts): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function withCursorId(cursor: string, id: string): string {
  const [ordering, value] = decodeCursor(cursor);
  return encodeCursor([ordering, value, id]);
}

/**
 * A UUID that names nothing yet sorts exactly where `id` does among every other id: only
 * the last hex digit differs, by one, so no stored id can lie between the two. A cursor
 * naming it positions a page exactly as one naming `id`, whoever owns `id`.
 */
export function neighbourOf(id: string): string {
  const digit = parseInt(id.at(-1)!, 16);
  const next = (digit === 15 ? 14 : digit + 1).toString(16);
  const upper = id !== id.toLowerCase();
  return `${id.slice(0, -1)}${upper ? next.toUpperCase() : next}`;
}

/** The same cursor naming a row that does not exist, sorting where the named one does. */
export function withTwinId(cursor: string): string {
  return withCursorId(cursor, neighbourOf(decodeCursor(cursor)[2]));
}
