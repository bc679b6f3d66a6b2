import autocannon from 'autocannon';
import type { Operation, Scenario } from './scenarios';
import { round, summarize, type Summary } from './percentiles';
import { parseServerTiming, type ServerTimes } from './server-timing-header';

export interface RunOptions {
  readonly url: string;
  readonly tokens: ReadonlyMap<number, string>;
  readonly connections: number;
  readonly seconds: number;
  /** Called every second while running (memory sampling). */
  readonly onSecond?: (elapsedSeconds: number) => void;
  /** Every answer with the operation and when it was sent and answered (performance.now()). */
  readonly onAnswer?: (
    operation: Operation,
    status: number,
    text: string,
    sentAt: number,
    answeredAt: number,
  ) => void;
}

export interface ServerSplit {
  readonly auth: Summary;
  readonly open: Summary;
  readonly db: Summary;
  readonly total: Summary;
  readonly pool: Summary;
  /** Time in the server outside the database and the pool queue: HTTP, GraphQL, data layer. */
  readonly node: Summary;
  readonly statements: Summary;
}

export interface RunResult {
  readonly scenario: string;
  readonly description: string;
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latencyMs: Summary;
  /** Answers that were wrong: HTTP errors, GraphQL errors, failed checks, socket errors. */
  readonly errors: number;
  /** Strings of another user's rows seen in any answer: must be 0. */
  readonly foreignRows: number;
  readonly ownedStringsChecked: number;
  readonly expectedNotFound: number;
  /** Updates refused as CONFLICT because the same user's other request changed the row. */
  readonly expectedConflicts: number;
  readonly byKind: Record<string, number>;
  readonly problems: readonly string[];
  readonly serverMs: ServerSplit | undefined;
}

const rounded = (s: Summary): Summary => ({
  p50: round(s.p50),
  p90: round(s.p90),
  p99: round(s.p99),
  max: round(s.max),
  mean: round(s.mean),
});

function split(times: ServerTimes[]): ServerSplit | undefined {
  if (times.length === 0) return undefined;
  const pick = (f: (t: ServerTimes) => number) => rounded(summarize(times.map(f)));
  return {
    auth: pick((t) => t.auth),
    open: pick((t) => t.open),
    db: pick((t) => t.db),
    total: pick((t) => t.total),
    pool: pick((t) => t.pool),
    node: pick((t) => t.total - t.db - t.pool),
    statements: pick((t) => t.statements),
  };
}

/** Drives one scenario with autocannon and checks every answer. */
export function runLoad(scenario: Scenario, options: RunOptions): Promise<RunResult> {
  const latencies: number[] = [];
  const times: ServerTimes[] = [];
  const byKind: Record<string, number> = {};
  const problems = new Map<string, number>();
  let errors = 0;
  let foreignRows = 0;
  let owned = 0;
  let notFound = 0;
  let conflicts = 0;
  const problem = (text: string) => {
    errors += 1;
    problems.set(text, (problems.get(text) ?? 0) + 1);
  };
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/graphql',
            setupRequest(request, context) {
              const operation = scenario.next();
              context.operation = operation;
              // autocannon sends the request as soon as it is set up (no pipelining).
              context.sentAt = performance.now();
              request.headers = {
                'content-type': 'application/json',
                authorization: `Bearer ${options.tokens.get(operation.user)}`,
              };
              request.body = operation.body;
              return request;
            },
            onResponse(status, text, context, headers) {
              const operation = context.operation as Operation;
              options.onAnswer?.(
                operation,
                status,
                text,
                context.sentAt as number,
                performance.now(),
              );
              byKind[operation.kind] = (byKind[operation.kind] ?? 0) + 1;
              const checked = operation.check(status, text);
              foreignRows += checked.foreignStrings;
              owned += checked.ownedStrings;
              if (checked.problem) problem(`${operation.kind}: ${checked.problem}`);
              else if (checked.conflict) conflicts += 1;
              else if (checked.notFound) notFound += 1;
              const timing = parseServerTiming(headers['server-timing']);
              if (timing) times.push(timing);
            },
          },
        ],
      },
      (error, result) => {
        clearInterval(ticker);
        if (error) return reject(error);
        const socketErrors = result.errors + result.timeouts;
        for (let i = 0; i < socketErrors; i += 1) problem('socket error or timeout');
        const seconds = result.duration || options.seconds;
        resolve({
          scenario: scenario.name,
          description: scenario.description,
          connections: options.connections,
          seconds: round(seconds, 1),
          requests: latencies.length,
          requestsPerSecond: round(latencies.length / seconds, 1),
          latencyMs: rounded(summarize(latencies)),
          errors,
          foreignRows,
          ownedStringsChecked: owned,
          expectedNotFound: notFound,
          expectedConflicts: conflicts,
          byKind,
          problems: [...problems].map(([text, count]) => `${count} × ${text}`).slice(0, 10),
          serverMs: split(times),
        });
      },
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
    });
    const ticker = setInterval(() => options.onSecond?.((Date.now() - started) / 1000), 1000);
  });
}

/**
 * One request at a time: the server's own times with no queueing in front of it. The
 * operations are sent once unmeasured first, so the server is warm for them (its cache of
 * verified tokens, its connections' prepared statements), then again measured.
 */
export async function runSequential(
  scenario: Scenario,
  url: string,
  tokens: ReadonlyMap<number, string>,
  count: number,
): Promise<{ requests: number; errors: number; serverMs: ServerSplit | undefined }> {
  const operations = Array.from({ length: count }, () => scenario.next());
  const send = (operation: Operation) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.get(operation.user)}`,
      },
      body: operation.body,
    });
  for (const operation of operations) await (await send(operation)).text();
  const times: ServerTimes[] = [];
  let errors = 0;
  for (const operation of operations) {
    const res = await send(operation);
    const checked = operation.check(res.status, await res.text());
    if (checked.problem || checked.foreignStrings > 0) errors += 1;
    const timing = parseServerTiming(res.headers.get('server-timing') ?? undefined);
    if (timing) times.push(timing);
  }
  return { requests: count, errors, serverMs: split(times) };
}
