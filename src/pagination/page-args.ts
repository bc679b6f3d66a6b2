import { BadUserInputError } from '../errors/errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `first` is 1-100 on every connection, root or nested; null or anything else is refused. */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  if (first === null || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}
