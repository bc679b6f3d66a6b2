import { BadUserInputError } from '../errors/errors';

/** Trims and checks a required text field; the message names the field. */
export function requiredText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length < 1 || text.length > max) {
    throw new BadUserInputError(`${field} must be 1-${max} characters`, field);
  }
  return text;
}

/** An optional text field: null or undefined stays as given, an empty one becomes null. */
export function optionalText(
  value: string | null | undefined,
  field: string,
  max: number,
): string | null | undefined {
  if (value === null || value === undefined) return value;
  if (value.length > max)
    throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  return value.trim() === '' ? null : value;
}

/** A field the caller may omit but, since the stored value cannot be null, not set to null. */
export function notNull<T>(value: T | null | undefined, field: string): T | undefined {
  if (value === null) throw new BadUserInputError(`${field} cannot be null`, field);
  return value;
}
