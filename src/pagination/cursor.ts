import { BadUserInputError } from '../errors/errors';
import { isId } from '../validation/ids';

/** The sort value a cursor resumes after: an ISO date, a number, a string, or null. */
export type SortValue = string | number | null;
export type SortValueKind = 'date' | 'number' | 'string';
/** The argument a cursor came in: errors name it. */
export type CursorArgument = 'after' | 'before';

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

function invalidCursor(argument: CursorArgument): never {
  throw new BadUserInputError(
    `${argument} is not a valid cursor for this list and ordering`,
    argument,
  );
}

// A cursor's value goes into SQL as a parameter: anything that is not what encodeCursor
// writes (Date#toISOString, a smallint rank, NUL-free text) could only fail there, as an
// internal error instead of bad input.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const SMALLINT = { min: -32768, max: 32767 };
const VALID_VALUE: Record<SortValueKind, (value: unknown) => boolean> = {
  date: (v) =>
    typeof v === 'string' &&
    ISO_TIMESTAMP.test(v) &&
    !Number.isNaN(Date.parse(v)) &&
    new Date(v).toISOString() === v,
  number: (v) =>
    Number.isInteger(v) && (v as number) >= SMALLINT.min && (v as number) <= SMALLINT.max,
  string: (v) => typeof v === 'string' && !v.includes('\u0000'),
};

export function decodeCursor(
  cursor: string | null | undefined,
  ordering: string,
  valueKind: SortValueKind,
  nullable: boolean,
  argument: CursorArgument = 'after',
): CursorPosition | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const invalid: () => never = () => invalidCursor(argument);
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
  if (!VALID_VALUE[valueKind](value)) invalid();
  return { value: value as SortValue, id };
}
