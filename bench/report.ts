import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DeliveryResult } from './delivery-ledger';
import type { RunResult } from './load-run';
import type { TargetResult } from './targets';

const pad = (value: unknown, width: number) => String(value).padStart(width);

/** One line per run: throughput, latency, correctness and where the server's time went. */
export function formatRun(run: RunResult, label = run.scenario): string {
  const s = run.serverMs;
  const server = s
    ? `server p50: total ${s.total.p50}, db ${s.db.p50} (${s.statements.p50} statements, pipelined), pool wait ${s.pool.p50}, node ${s.node.p50}; auth ${s.auth.p50}, open ${s.open.p50}`
    : 'no Server-Timing';
  return (
    `${label.padEnd(14)} ${pad(Math.round(run.requestsPerSecond), 6)} req/s  ` +
    `p50 ${pad(run.latencyMs.p50.toFixed(2), 7)}  p90 ${pad(run.latencyMs.p90.toFixed(2), 7)}  ` +
    `p99 ${pad(run.latencyMs.p99.toFixed(2), 7)} ms  errors ${run.errors}  foreign ${run.foreignRows}  | ${server}`
  );
}

/** The live scenario's deliveries: what the subscribers received of the mix's writes. */
export function formatDelivery(d: DeliveryResult): string {
  return (
    `${d.subscribers} subscribers: ${d.sent} changes sent, ${d.received} events received, ` +
    `${d.lost} lost, ${d.foreign} foreign, ${d.unmatched} unmatched ${JSON.stringify(d.unmatchedByKind)}; delivery p50 ` +
    `${d.latencyMs.p50} ms, p99 ${d.latencyMs.p99} ms (from the mutation's send; ` +
    `${d.beforeAnswer} arrived before its answer)`
  );
}

export function formatTargets(targets: readonly TargetResult[]): string[] {
  return targets.map((t) => {
    const verdict = t.pass === undefined ? 'n/a ' : t.pass ? 'PASS' : 'FAIL';
    return `[${verdict}] ${t.name}: ${t.measured}`;
  });
}

/** bench/results/<timestamp>.json and bench/results/latest.json. */
export async function writeResults(dir: string, stamp: string, results: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(dir, `${stamp}.json`);
  await writeFile(file, text);
  await writeFile(join(dir, 'latest.json'), text);
  return file;
}

export async function writeText(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}
