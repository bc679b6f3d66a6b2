import { readFile, writeFile } from 'node:fs/promises';
import type { DeliveryResult } from './delivery-ledger';
import type { RunResult } from './load-run';
import type { TargetResult } from './targets';

export const SECTION_START = '<!-- bench:latest:start -->';
export const SECTION_END = '<!-- bench:latest:end -->';

export interface LatestRun {
  readonly heading: string;
  readonly runs: readonly (RunResult & { cpuMsPerRequest?: Record<string, number | undefined> })[];
  readonly targets: readonly TargetResult[];
  /** The live scenario's deliveries, when it ran. */
  readonly live?: DeliveryResult | undefined;
  readonly resultsFile: string;
}

const cell = (value: number | undefined, digits = 1) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

/** The latest run as Markdown: one row per scenario, then the targets with their verdicts. */
export function renderLatest(latest: LatestRun): string {
  const rows = latest.runs.map((run) => {
    const s = run.serverMs;
    const cpu = run.cpuMsPerRequest ?? {};
    return (
      `| ${run.scenario} | ${Math.round(run.requestsPerSecond)} | ${cell(run.latencyMs.p50)} | ` +
      `${cell(run.latencyMs.p90)} | ${cell(run.latencyMs.p99)} | ${run.errors} | ${run.foreignRows} | ` +
      `${cell(s?.total.p50, 2)} | ${cell(s?.auth.p50, 2)} | ${cell(s?.open.p50, 2)} | ` +
      `${cell(s?.db.p50, 2)} | ${cell(s?.pool.p50, 2)} | ${cell(cpu['server'], 2)} | ` +
      `${cell(cpu['database'], 2)} |`
    );
  });
  const verdict = (t: TargetResult) => (t.pass === undefined ? 'n/a' : t.pass ? 'pass' : 'FAIL');
  return [
    SECTION_START,
    `### ${latest.heading}`,
    '',
    '![Latency percentiles and throughput per scenario](benchmarks.svg)',
    '',
    '| scenario | req/s | p50 ms | p90 ms | p99 ms | errors | foreign rows | server total p50 | auth p50 | open p50 | db p50 | pool wait p50 | server CPU ms/req | database CPU ms/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    ...liveTable(latest.live),
    '| target | verdict | measured |',
    '| --- | --- | --- |',
    ...latest.targets.map(
      (t) => `| ${t.name} | ${verdict(t)} | ${t.measured.replace(/\|/g, '\\|')} |`,
    ),
    '',
    `Raw numbers: \`${latest.resultsFile}\`.`,
    SECTION_END,
  ].join('\n');
}

/** The subscribers' side of the live row above: what reached their sockets, and how fast. */
function liveTable(live: DeliveryResult | undefined): string[] {
  if (!live) return [];
  const l = live.latencyMs;
  return [
    '| live subscribers | changes sent | events received | lost | foreign | unmatched | delivery p50 ms | p90 ms | p99 ms | max ms |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${live.subscribers} | ${live.sent} | ${live.received} | ${live.lost} | ${live.foreign} | ` +
      `${live.unmatched} | ${cell(l.p50)} | ${cell(l.p90)} | ${cell(l.p99)} | ${cell(l.max)} |`,
    '',
  ];
}

/** Replaces the text between the markers; a document without them is left alone. */
export function replaceSection(document: string, section: string): string | undefined {
  const start = document.indexOf(SECTION_START);
  const end = document.indexOf(SECTION_END);
  if (start === -1 || end < start) return undefined;
  return document.slice(0, start) + section + document.slice(end + SECTION_END.length);
}

/** Writes the latest run into docs/benchmarks.md; false when the markers are missing. */
export async function updateDocs(file: string, latest: LatestRun): Promise<boolean> {
  const document = await readFile(file, 'utf8').catch(() => undefined);
  const updated = document && replaceSection(document, renderLatest(latest));
  if (!updated) return false;
  // The page is checked by `npm run format:check` like every other: write it formatted.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  await writeFile(file, await prettier.format(updated, { ...options, filepath: file }));
  return true;
}
