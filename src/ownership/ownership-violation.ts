import type { RequestScope } from '../db/request-scope';

/**
 * A row of someone else's reached the application. The filters and RLS make this
 * impossible; if it ever happens, the request fails (masked as an internal error) and the
 * event is logged for investigation rather than the row being served.
 */
export class OwnershipViolationError extends Error {
  constructor(readonly table: string) {
    super(`Ownership violation on ${table}`);
    this.name = 'OwnershipViolationError';
  }
}

/** The ownership backstop: a row whose owner is not the request's viewer is refused. */
export function assertOwnedBy(
  requestScope: RequestScope,
  table: string,
  ownerId: string | undefined,
): void {
  if (ownerId === requestScope.viewerId) return;
  requestScope.log.error({ event: 'ownership_violation', table }, 'row of another owner refused');
  throw new OwnershipViolationError(table);
}
