import type { TestServer } from './test-server';

/** Queries the server answered on each read path so far (its compiled_reads counter). */
export async function readPaths(
  server: TestServer,
): Promise<{ compiled: number; fallback: number }> {
  const { values } = await server.app.metrics.compiledReads.get();
  const count = (outcome: string) => values.find((v) => v.labels.outcome === outcome)?.value ?? 0;
  return { compiled: count('compiled'), fallback: count('fallback') };
}
