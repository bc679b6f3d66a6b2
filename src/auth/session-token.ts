import { ForbiddenError } from '../errors/errors';
import type { Viewer } from './viewer';

/**
 * Only a first-party session token (no `scope` claim) may do what only the account holder
 * should: a token handed to a client with scopes must not be able to delete the account.
 */
export function requireSessionToken(viewer: Viewer): void {
  if (viewer.scopes !== null) {
    throw new ForbiddenError('Only a session token (without a scope claim) can do this.');
  }
}
