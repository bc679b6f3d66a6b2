/**
 * The PostgreSQL error codes the application acts on, in one place. Connection-level codes
 * (a server going away) stay with their classifier in database-unavailable.ts.
 */
export const SQLSTATE = {
  /** unique_violation: a name already taken. */
  uniqueViolation: '23505',
  /** serialization_failure: another request of the user got there first. */
  serializationFailure: '40001',
  /** deadlock_detected: the same, seen as a deadlock. */
  deadlockDetected: '40P01',
  /** query_canceled: statement_timeout ran out. */
  queryCanceled: '57014',
  /** in_failed_sql_transaction: a statement after an error, before the rollback. */
  inFailedTransaction: '25P02',
} as const;

/**
 * The SQLSTATE of a failed statement: TypeORM's QueryFailedError carries the driver's error,
 * a statement sent on the client directly is that error itself.
 */
export function sqlStateOf(error: unknown): string | undefined {
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failed?.driverError?.code ?? failed?.code;
  return typeof code === 'string' ? code : undefined;
}
