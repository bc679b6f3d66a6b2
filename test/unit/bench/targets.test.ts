import type { RunResult } from '../../../bench/load-run';
import { parseServerTiming } from '../../../bench/server-timing-header';
import { evaluateTargets, type TargetInputs } from '../../../bench/targets';

const summary = (p50: number, p99 = p50) => ({ p50, p90: p50, p99, max: p99, mean: p50 });

function listRun(
  requestsPerSecond: number,
  p99: number,
  extra: Partial<RunResult> = {},
): RunResult {
  return {
    scenario: 'list',
    description: '',
    connections: 50,
    seconds: 20,
    requests: requestsPerSecond * 20,
    requestsPerSecond,
    latencyMs: summary(p99 / 3, p99),
    errors: 0,
    foreignRows: 0,
    ownedStringsChecked: 0,
    expectedNotFound: 0,
    expectedConflicts: 0,
    byKind: {},
    problems: [],
    serverMs: undefined,
    ...extra,
  };
}

const base: TargetInputs = {
  runs: new Map(),
  sequentialAuthP50: undefined,
  authCost: undefined,
  openingCost: undefined,
  smallScaleList: undefined,
  smallUsers: 1000,
  users: 100_000,
  memory: undefined,
};

const find = (inputs: TargetInputs, start: string) =>
  evaluateTargets(inputs).find((t) => t.name.startsWith(start))!;

describe('bench targets', () => {
  it('should pass the list target only at 3,000 req/s and p99 40 ms or better', () => {
    const verdict = (rps: number, p99: number) =>
      find({ ...base, runs: new Map([['list', listRun(rps, p99)]]) }, 'list ≥').pass;
    expect(verdict(3000, 40)).toBe(true);
    expect(verdict(2999, 40)).toBe(false);
    expect(verdict(3500, 41)).toBe(false);
    expect(find(base, 'list ≥').pass).toBeUndefined();
  });

  it('should fail correctness on any foreign row or error in any run', () => {
    const runs = new Map([['list', listRun(100, 10, { foreignRows: 1 })]]);
    expect(find({ ...base, runs }, 'correctness').pass).toBe(false);
    const clean = new Map([['list', listRun(100, 10)]]);
    expect(find({ ...base, runs: clean }, 'correctness').pass).toBe(true);
  });

  it('should add what the opening round trip gains to the token check for the auth target', () => {
    const opening = { plainMsP50: 0.2, securedMsP50: 0.3, addedMsP50: 0.1 };
    expect(find({ ...base, sequentialAuthP50: 0.05, openingCost: opening }, 'auth +').pass).toBe(
      true,
    );
    expect(find({ ...base, sequentialAuthP50: 0.15, openingCost: opening }, 'auth +').pass).toBe(
      false,
    );
    // Without the database side the verdict is not given on the token check alone.
    expect(find({ ...base, sequentialAuthP50: 0.01 }, 'auth +').pass).toBeUndefined();
  });

  it('should compare latency at scale with the small world within 1.25×', () => {
    const runs = new Map([['list', listRun(500, 30)]]);
    expect(find({ ...base, runs, smallScaleList: listRun(500, 27) }, 'list latency').pass).toBe(
      true,
    );
    expect(find({ ...base, runs, smallScaleList: listRun(500, 20) }, 'list latency').pass).toBe(
      false,
    );
  });
});

describe('bench memory target', () => {
  const trend = (heapGrowth: number | undefined, rssGrowth: number) => ({
    rssStartMb: 200,
    rssEndMb: 200 * (1 + rssGrowth),
    rssGrowth,
    heapFloorStartMb: heapGrowth === undefined ? undefined : 50,
    heapFloorEndMb: heapGrowth === undefined ? undefined : 50 * (1 + heapGrowth),
    heapGrowth,
  });

  it('should judge by the live heap, reporting resident size beside it', () => {
    const flat = find({ ...base, memory: trend(-0.05, 0.3) }, 'memory');
    expect(flat.pass).toBe(true);
    expect(flat.measured).toMatch(/RSS 200 → 260 MB \(30%, not judged\)/);
    expect(find({ ...base, memory: trend(0.15, 0) }, 'memory').pass).toBe(false);
  });

  it('should give no verdict without heap readings', () => {
    expect(find({ ...base, memory: trend(undefined, 0) }, 'memory').pass).toBeUndefined();
  });
});

describe('parseServerTiming (bench)', () => {
  it('should read every entry the server writes', () => {
    expect(
      parseServerTiming(
        'auth;dur=0.01, open;dur=0.35, db;dur=1.50;desc="3", pool;dur=0.20, total;dur=2.80',
      ),
    ).toEqual({ auth: 0.01, open: 0.35, db: 1.5, pool: 0.2, total: 2.8, statements: 3 });
  });

  it('should give up on a header without auth, db or total', () => {
    expect(parseServerTiming(undefined)).toBeUndefined();
    expect(parseServerTiming('db;dur=1, total;dur=2')).toBeUndefined();
  });
});
