import type { RequestScope } from '../db/request-scope';

/** What the ownership guards need from the request that runs a statement. */
export type OwnerGuardContext = RequestScope;

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

export function assertOwnedBy(
  guard: OwnerGuardContext,
  table: string,
  ownerId: string | undefined,
): void {
  if (ownerId === guard.viewerId) return;
  guard.log.error({ event: 'ownership_violation', table }, 'row of another owner refused');
  throw new OwnershipViolationError(table);
}
