import type { OpeningRead } from '../db/transaction-opening';
import { revocationCheck } from './revocation.store';
import type { Viewer } from './viewer';

/**
 * The revocation check for a pipelined opening: the statements behind it are already on the
 * wire, so a revoked token (or an answer that is not a plain "no") raises instead of
 * answering, which aborts the transaction before any of them reads a row.
 */
export function revocationGate(viewer: Viewer): OpeningRead {
  const check = revocationCheck(viewer);
  return {
    sql:
      `SELECT CASE WHEN (SELECT r.revoked FROM (${check.sql}) r) IS NOT FALSE ` +
      `THEN refuse_revoked_token() ELSE false END AS revoked`,
    params: check.params,
  };
}
