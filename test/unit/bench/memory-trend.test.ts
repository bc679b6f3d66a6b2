import { memoryTrend, type MemoryPoint } from '../../../bench/memory-trend';

const MB = 1024 * 1024;
const points = (heap: (second: number) => number | undefined): MemoryPoint[] =>
  Array.from({ length: 12 }, (_, i) => {
    const second = (i + 1) * 5;
    const heapMb = heap(second);
    return {
      second,
      rss: 200 * MB + second * MB,
      heapUsed: heapMb === undefined ? undefined : heapMb * MB,
    };
  });

describe('memoryTrend (bench)', () => {
  it('should compare the lowest live heap of the first and last thirds', () => {
    // A request burst in flight at one reading must not count as growth.
    const trend = memoryTrend(points((s) => (s === 55 ? 90 : 50 + (s % 10 === 0 ? 2 : 0))))!;
    expect(trend.heapFloorStartMb).toBe(50);
    expect(trend.heapFloorEndMb).toBe(50);
    expect(trend.heapGrowth).toBe(0);
  });

  it('should show a steady rise as growth', () => {
    const trend = memoryTrend(points((s) => 40 + s / 2))!;
    expect(trend.heapFloorStartMb).toBe(42.5);
    expect(trend.heapFloorEndMb).toBe(60);
    expect(trend.heapGrowth).toBeGreaterThan(0.4);
  });

  it('should measure resident size from the end of warm-up', () => {
    const trend = memoryTrend(points(() => 50))!;
    expect(trend.rssStartMb).toBe(210);
    expect(trend.rssEndMb).toBe(260);
  });

  it('should leave the heap unjudged without heap readings, and all of it without enough points', () => {
    expect(memoryTrend(points(() => undefined))!.heapGrowth).toBeUndefined();
    expect(memoryTrend(points(() => 50).slice(0, 5))).toBeUndefined();
  });
});
