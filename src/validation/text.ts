import { BadUserInputError } from '../errors/errors';

/**
 * Limits count characters (code points) as PostgreSQL's varchar does, not UTF-16 units:
 * otherwise a title of 200 emoji would be refused though the column holds it.
 */
function characters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** PostgreSQL text cannot hold NUL: refused here, it would otherwise fail in the database. */
function assertStorable(text: string, field: string): void {
  if (text.includes('\u0000')) {
    throw new BadUserInputError(`${field} must not contain NUL characters`, field);
  }
}

/** Trims and checks a required text field; the message names the field. */
export function requiredText(value: string, field: string, max: number): string {
  const text = value.trim();
  const length = characters(text);
  if (length < 1 || length > max) {
    throw new BadUserInputError(`${field} must be 1-${max} characters`, field);
  }
  assertStorable(text, field);
  return text;
}

/** An optional text field: null or undefined stays as given, an empty one becomes null. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
): string | null | undefined {
  if (value === null || value === undefined) return value;
  if (characters(value) > max)
    throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  assertStorable(value, field);
  return value.trim() === '' ? null : value;
}

/** A field the caller may omit but, since the stored value cannot be null, not set to null. */
export function notNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw new BadUserInputError(`${field} cannot be null`, field);
  return value;
}
