import { round } from './percentiles';

export interface MemoryPoint {
  readonly second: number;
  readonly rss: number;
  /** Heap in use right after a full collection: what the server keeps alive. */
  readonly heapUsed: number | undefined;
}

export interface MemoryTrend {
  /** Resident memory from the end of warm-up (first sixth of the run) to the end, MB. */
  readonly rssStartMb: number;
  readonly rssEndMb: number;
  readonly rssGrowth: number;
  /** The lowest live heap (read after a full collection) in the first and last thirds, MB. */
  readonly heapFloorStartMb: number | undefined;
  readonly heapFloorEndMb: number | undefined;
  readonly heapGrowth: number | undefined;
}

const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

/**
 * A leak shows as live memory that keeps rising. Readings follow forced full collections, so
 * garbage not yet collected does not count; taking each third's lowest reading leaves out the
 * objects of requests in flight at that moment.
 */
export function memoryTrend(points: readonly MemoryPoint[]): MemoryTrend | undefined {
  if (points.length < 6) return undefined;
  const last = points[points.length - 1]!;
  const settled = points.find((p) => p.second >= last.second / 6) ?? points[0]!;
  const third = last.second / 3;
  const floor = (from: number, to: number) => {
    const heaps = points
      .filter((p) => p.second >= from && p.second <= to && p.heapUsed !== undefined)
      .map((p) => p.heapUsed!);
    return heaps.length ? Math.min(...heaps) : undefined;
  };
  const heapStart = floor(0, third);
  const heapEnd = floor(last.second - third, last.second);
  return {
    rssStartMb: mb(settled.rss),
    rssEndMb: mb(last.rss),
    rssGrowth: round((last.rss - settled.rss) / settled.rss),
    heapFloorStartMb: heapStart === undefined ? undefined : mb(heapStart),
    heapFloorEndMb: heapEnd === undefined ? undefined : mb(heapEnd),
    heapGrowth:
      heapStart === undefined || heapEnd === undefined
        ? undefined
        : round((heapEnd - heapStart) / heapStart),
  };
}
