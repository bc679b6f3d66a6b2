import { BadUserInputError } from '../errors/errors';
import { isId } from '../validation/ids';

/** The sort value a cursor resumes after: an ISO date, a number, a string, or null. */
export type SortValue = string | number | null;

export interface CursorPosition {
  readonly value: SortValue;
  readonly id: string;
}

/**
 * Cursors are opaque to clients but carry nothing secret: the ordering they belong to,
 * the sort value and the id of the last row. Applied under the owner filter, a cursor
 * taken from another user's page only positions within the caller's own rows.
 */
export function encodeCursor(ordering: string, value: SortValue, id: string): string {
  return Buffer.from(JSON.stringify([ordering, value, id])).toString('base64url');
}

function invalid(): never {
  throw new BadUserInputError('after is not a valid cursor for this list and ordering', 'after');
}

export function decodeCursor(
  cursor: string | null | undefined,
  ordering: string,
  valueKind: 'date' | 'number' | 'string',
  nullable: boolean,
): CursorPosition | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor)) invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) invalid();
  const [cursorOrdering, value, id] = parsed as unknown[];
  if (cursorOrdering !== ordering || !isId(id)) invalid();
  if (value === null) {
    if (!nullable) invalid();
    return { value: null, id };
  }
  if (valueKind === 'number' && !(typeof value === 'number' && Number.isInteger(value))) invalid();
  if (valueKind === 'string' && typeof value !== 'string') invalid();
  if (valueKind === 'date' && !(typeof value === 'string' && !Number.isNaN(Date.parse(value)))) {
    invalid();
  }
  return { value: value as SortValue, id };
}
