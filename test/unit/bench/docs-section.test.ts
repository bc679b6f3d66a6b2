import {
  renderLatest,
  replaceSection,
  SECTION_END,
  SECTION_START,
} from '../../../bench/docs-section';
import type { RunResult } from '../../../bench/load-run';

const summary = (p50: number) => ({ p50, p90: p50 * 2, p99: p50 * 3, max: p50 * 4, mean: p50 });

const run: RunResult = {
  scenario: 'list',
  description: 'tasks(first: 20)',
  connections: 50,
  seconds: 20,
  requests: 10_000,
  requestsPerSecond: 500.4,
  latencyMs: summary(10),
  errors: 0,
  foreignRows: 0,
  ownedStringsChecked: 1,
  expectedNotFound: 0,
  expectedConflicts: 0,
  byKind: { list: 10_000 },
  problems: [],
  serverMs: {
    auth: summary(0.01),
    open: summary(0.3),
    db: summary(1.5),
    total: summary(3),
    pool: summary(0.5),
    node: summary(1),
    statements: summary(3),
  },
};

describe('docs section', () => {
  it('should render a row per scenario and a verdict per target', () => {
    const text = renderLatest({
      heading: 'PostgreSQL, 100,000 users',
      runs: [run],
      targets: [
        { name: 'list ≥ 3,000 req/s', pass: false, measured: '500 req/s | p99 30 ms' },
        { name: 'memory flat', pass: undefined, measured: 'not run' },
      ],
      resultsFile: 'bench/results/x.json',
    });
    expect(text.startsWith(SECTION_START)).toBe(true);
    expect(text.endsWith(SECTION_END)).toBe(true);
    expect(text).toContain(
      '| list | 500 | 10.0 | 20.0 | 30.0 | 0 | 0 | 3.00 | 0.01 | 0.30 | 1.50 |',
    );
    expect(text).toContain('| list ≥ 3,000 req/s | FAIL | 500 req/s \\| p99 30 ms |');
    expect(text).toContain('| memory flat | n/a | not run |');
  });

  it("should add the live subscribers' deliveries only when the live scenario ran", () => {
    const latest = {
      heading: 'PGlite, 200 users',
      runs: [{ ...run, scenario: 'live' }],
      targets: [],
      resultsFile: 'bench/results/x.json',
    };
    const live = {
      subscribers: 20,
      sent: 117,
      received: 118,
      matched: 117,
      lost: 0,
      foreign: 0,
      unmatched: 1,
      unmatchedByKind: { CREATED: 1 },
      beforeAnswer: 0,
      latencyMs: summary(60),
    };
    expect(renderLatest(latest)).not.toContain('live subscribers');
    expect(renderLatest({ ...latest, live })).toContain(
      '| 20 | 117 | 118 | 0 | 0 | 1 | 60.0 | 120.0 | 180.0 | 240.0 |',
    );
  });

  it('should replace only the text between the markers', () => {
    const doc = `# Title\n\nbefore\n${SECTION_START}\nold\n${SECTION_END}\nafter\n`;
    expect(replaceSection(doc, `${SECTION_START}\nnew\n${SECTION_END}`)).toBe(
      `# Title\n\nbefore\n${SECTION_START}\nnew\n${SECTION_END}\nafter\n`,
    );
  });

  it('should leave a document without markers alone', () => {
    expect(replaceSection('# Title\n', 'x')).toBeUndefined();
    expect(replaceSection(`${SECTION_END}\n${SECTION_START}`, 'x')).toBeUndefined();
  });
});
