import { BadUserInputError } from '../errors/errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

function checkedSize(size: number | null, argument: 'first' | 'last'): number {
  if (size === null || !Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`${argument} must be between 1 and ${MAX_PAGE_SIZE}`, argument);
  }
  return size;
}

/** `first` is 1-100 on every connection, root or nested; null or anything else is refused. */
export function pageSize(first: number | null | undefined): number {
  if (first === undefined) return DEFAULT_PAGE_SIZE;
  return checkedSize(first, 'first');
}

/** A connection's arguments as the resolver receives them (`first` with its default). */
export interface PageArguments {
  readonly first?: number | null;
  readonly last?: number | null;
  readonly after?: string | null;
  readonly before?: string | null;
}

/** Which page of a list: `first` rows after `after`, or (fromEnd) the last ones before `before`. */
export interface PageWindow {
  /** The page size, whether counted from the start (first) or the end (last). */
  readonly first: number;
  readonly after: string | null;
  readonly before: string | null;
  readonly fromEnd: boolean;
}

/**
 * Relay's cursor connections: after/before bound the list, then first takes from its start
 * or last from its end. first and last together are refused rather than sliced twice.
 * `firstGiven` says the request named `first` itself: the schema's default of 20 for it is
 * no conflict with a `last`.
 */
export function pageWindow(args: PageArguments, firstGiven: boolean): PageWindow {
  const after = args.after ?? null;
  const before = args.before ?? null;
  if (args.last === undefined)
    return { first: pageSize(args.first), after, before, fromEnd: false };
  if (firstGiven) {
    throw new BadUserInputError('first and last cannot be used together', 'last');
  }
  return { first: checkedSize(args.last, 'last'), after, before, fromEnd: true };
}
