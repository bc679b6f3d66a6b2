import { LimitExceededError } from '../errors/errors';

/**
 * A JSON array body is a batch: each operation in it would run, and pass the per-request
 * checks, as one. Refused unless MAX_BATCH allows it, and then only up to that many.
 */
export function assertBatchAllowed(body: unknown, maxBatch: number): void {
  if (!Array.isArray(body)) return;
  if (maxBatch === 0) {
    throw new LimitExceededError('batch', 'Batched requests are not accepted: send one operation.');
  }
  if (body.length === 0 || body.length > maxBatch) {
    throw new LimitExceededError('batch', `A batch may hold 1 to ${maxBatch} operations.`);
  }
}
