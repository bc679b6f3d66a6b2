/**
 * Documents (by Apollo's query hash) that once sent a statement after their read-only
 * transaction had already committed in its opening message: they read in more than one
 * wave (a nested list needs the ids of the page above it), so they get a COMMIT of their
 * own from then on instead of paying for a second run each time.
 */
const MAX_REMEMBERED = 10_000;
const multiWave = new Set<string>();

export function mayCommitEarly(documentKey: string): boolean {
  return !multiWave.has(documentKey);
}

export function rememberMultiWave(documentKey: string): void {
  // Unbounded documents must not grow memory: forgetting only costs one more second run.
  if (multiWave.size >= MAX_REMEMBERED) multiWave.clear();
  multiWave.add(documentKey);
}
