import type { QueryRunner } from 'typeorm';
import type { Logger } from '../log/logger';

/**
 * Who a request's statements run for. The layers above the database (the ownership
 * subscriber and stores) compare every row against it; db/ only carries it on the runner.
 */
export interface RequestScope {
  readonly viewerId: string;
  readonly log: Logger;
}

interface ScopedData {
  requestScope?: RequestScope;
}

/** Marks the runner as a request's, so subscribers can find the viewer its rows must match. */
export function attachRequestScope(runner: QueryRunner, scope: RequestScope): void {
  (runner.data as ScopedData) = { ...(runner.data as ScopedData), requestScope: scope };
}

/** The request a runner serves; undefined outside a request (migrations, housekeeping). */
export function requestScopeOf(runner: QueryRunner | undefined): RequestScope | undefined {
  return (runner?.data as ScopedData | undefined)?.requestScope;
}
