/**
 * Promise.all for statements sent together: they leave at once (pipelined, one round trip),
 * yet fail as they would one after another. It waits for every one, so none is still
 * running when the caller moves on (a rollback, say), and throws the first failure in the
 * order given: the statements behind a failed one only report the aborted transaction.
 */
export async function allInOrder<T extends readonly unknown[]>(
  work: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(work);
  const values: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    values.push(outcome.value);
  }
  return values as unknown as T;
}
