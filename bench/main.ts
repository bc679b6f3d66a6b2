import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { signToken } from '../src/auth/token-signer';
import { measureAuthCost, type AuthCost } from './auth-cost';
import { updateDocs } from './docs-section';
import { measureOpeningCost, type OpeningCost } from './opening-cost';
import { loadBenchSettings, type BenchSettings } from './bench-settings';
import { prepareDatabase, siblingTarget, type BenchTarget } from './bench-database';
import { renderChart } from './chart-svg';
import { backendPids, cpuOf, cpuSpent } from './cpu-usage';
import { runLive, type LiveOutcome } from './live-run';
import { runLoad, runSequential, type RunOptions, type RunResult } from './load-run';
import { memoryTrend, type MemoryPoint } from './memory-trend';
import { formatDelivery, formatRun, formatTargets, writeResults, writeText } from './report';
import { scenario, type World } from './scenarios';
import { TASKS_PER_USER, userId } from './seed-ids';
import { startServer, type MemorySample, type ServerProcess } from './server-process';
import { evaluateTargets } from './targets';

const ROOT = resolve(__dirname, __dirname.includes('/dist/') ? '../..' : '..');
const say = (line: string) => console.log(line);
/** Each reading forces a full collection (tens of ms): about a dozen per soak, not every second. */
const memoryEverySeconds = (soakSeconds: number) => Math.max(1, Math.floor(soakSeconds / 12));
const mb = (bytes: number | undefined) =>
  bytes === undefined ? undefined : Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Token users spread evenly over all seeded users, each with a signed HS256 token. */
async function tokensFor(
  users: number,
  count: number,
  secret: string,
): Promise<{ world: World; tokens: Map<number, string> }> {
  const chosen = Array.from({ length: count }, (_, i) => 1 + Math.floor((i * users) / count));
  const tokens = new Map<number, string>();
  for (const user of chosen) {
    tokens.set(user, await signToken(secret, { sub: userId(user), ttlSeconds: 3 * 3600 }));
  }
  return { world: { users, tokenUsers: chosen }, tokens };
}

function memoryOf(sample: MemorySample) {
  return { rssMb: mb(sample.rss), heapUsedMb: mb(sample.heapUsed) };
}

interface Session {
  readonly secret: string;
  readonly target: BenchTarget;
  readonly server: ServerProcess;
  readonly world: World;
  readonly tokens: Map<number, string>;
}

async function openSession(
  settings: BenchSettings,
  target: BenchTarget,
  logFile: string,
): Promise<Session> {
  say(`\n== ${target.label}: ${target.databaseUrl ? 'PostgreSQL' : `PGlite in ${target.dataDir}`}`);
  const seeded = await prepareDatabase(target, say);
  say(
    `data: ${target.users} users, ${target.users * TASKS_PER_USER} tasks ` +
      `(${seeded.seeded} users seeded now, ${seeded.seconds.toFixed(1)} s)`,
  );
  const secret = randomBytes(32).toString('base64url');
  const { world, tokens } = await tokensFor(
    target.users,
    Math.min(settings.tokenUsers, target.users),
    secret,
  );
  const server = await startServer({
    entry: settings.serverEntry,
    target,
    secret,
    logFile,
    logLevel: settings.logLevel,
    cpuProfileDir: settings.cpuProfileDir,
  });
  say(`server ${server.url} (pid ${server.pid}), ${tokens.size} users' tokens, log ${logFile}`);
  return { secret, target, server, world, tokens };
}

async function measure(
  session: Session,
  settings: BenchSettings,
  name: string,
  seconds: number,
  onSecond?: (second: number) => void,
  onAnswer?: RunOptions['onAnswer'],
) {
  const { databaseUrl } = session.target;
  const backends = async () => (databaseUrl ? cpuOf(await backendPids(databaseUrl)) : new Map());
  const before = await session.server.memory();
  const cpuBefore = {
    server: await cpuOf(await session.server.pids()),
    database: await backends(),
    bench: process.cpuUsage(),
  };
  const run = await runLoad(scenario(name, session.world), {
    url: session.server.url,
    tokens: session.tokens,
    connections: settings.connections,
    seconds,
    onSecond,
    onAnswer,
  });
  const perRequest = (ms: number) => Math.round((ms / Math.max(run.requests, 1)) * 1000) / 1000;
  const bench = process.cpuUsage(cpuBefore.bench);
  // CPU per request is steadier than throughput on a shared machine: others' load slows a
  // run down but does not make each request cost more (beyond cache effects).
  const cpuMsPerRequest = {
    server: perRequest(cpuSpent(cpuBefore.server, await cpuOf(await session.server.pids()))),
    database: databaseUrl ? perRequest(cpuSpent(cpuBefore.database, await backends())) : undefined,
    loadGenerator: perRequest((bench.user + bench.system) / 1000),
  };
  const after = await session.server.memory();
  return {
    ...run,
    cpuMsPerRequest,
    memory: { before: memoryOf(before), after: memoryOf(after) },
  };
}

async function warmUp(session: Session, settings: BenchSettings, name: string): Promise<void> {
  if (settings.warmupSeconds === 0) return;
  const run = await measure(session, settings, name, settings.warmupSeconds);
  say(formatRun(run, `(warm-up ${name})`));
}

async function main(): Promise<void> {
  const settings = loadBenchSettings(ROOT);
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const logFile = join(tmpdir(), `task-api-bench-${stamp}.log`);
  const wants = (name: string) => settings.scenarios.includes(name);
  const target: BenchTarget = {
    label: `${settings.users} users`,
    databaseUrl: settings.databaseUrl,
    dataDir: settings.dataDir,
    users: settings.users,
  };
  say(
    `bench: ${settings.connections} connections, ${settings.durationSeconds} s per scenario, ` +
      `${cpus().length} CPUs, load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (a shared machine makes every number noisy)`,
  );

  const runs = new Map<string, RunResult & { memory: unknown }>();
  const soakPoints: MemoryPoint[] = [];
  let sequential: Awaited<ReturnType<typeof runSequential>> | undefined;
  let authCost: AuthCost | undefined;
  let openingCost: OpeningCost | undefined;
  let live: LiveOutcome<unknown>['delivery'] | undefined;
  const session = await openSession(settings, target, logFile);
  try {
    await warmUp(session, settings, 'mix');
    authCost = await measureAuthCost(session.secret, [...session.tokens.values()]);
    say(
      `token verification in-process: ${authCost.firstVerifyMsP50} ms first time, ` +
        `${authCost.cachedVerifyMsP50} ms cached (p50)`,
    );
    if (target.databaseUrl) {
      openingCost = await measureOpeningCost(
        target.databaseUrl,
        target.users,
        settings.statementTimeoutMs,
      );
      say(
        `opening round trip: ${openingCost.plainMsP50} ms for START TRANSACTION alone, ` +
          `${openingCost.securedMsP50} ms with role, user, statement timeout and revocation check (p50)`,
      );
    }
    if (settings.sequentialRequests > 0 && wants('list')) {
      sequential = await runSequential(
        scenario('list', session.world),
        session.server.url,
        session.tokens,
        settings.sequentialRequests,
      );
      const s = sequential.serverMs;
      say(
        `sequential list × ${sequential.requests}: server p50 total ${s?.total.p50} ms, ` +
          `auth ${s?.auth.p50} ms, open ${s?.open.p50} ms, db ${s?.db.p50} ms, ${s?.statements.p50} statements (pipelined), errors ${sequential.errors}`,
      );
    }
    for (const name of ['list', 'byId', 'filtered', 'mix']) {
      if (!wants(name)) continue;
      const run = await measure(session, settings, name, settings.durationSeconds);
      runs.set(name, run);
      say(formatRun(run));
      say(`    CPU ms per request: ${JSON.stringify(run.cpuMsPerRequest)}`);
      for (const problem of run.problems) say(`    ${problem}`);
    }
    if (wants('soak')) {
      const record = (second: number) => {
        if (Math.round(second) % memoryEverySeconds(settings.soakSeconds) !== 0) return;
        void session.server.memory({ afterCollection: true }).then((m) => {
          soakPoints.push({ second: Math.round(second), rss: m.rss, heapUsed: m.heapUsed });
        });
      };
      const run = await measure(session, settings, 'soak', settings.soakSeconds, record);
      runs.set('soak', run);
      say(formatRun(run, `soak ${settings.soakSeconds}s`));
      for (const problem of run.problems) say(`    ${problem}`);
    }
    if (wants('live')) {
      const outcome = await runLive({
        url: session.server.url,
        tokens: session.tokens,
        users: session.world.tokenUsers.slice(0, settings.subscribers),
        graceSeconds: settings.liveGraceSeconds,
        load: (onAnswer) =>
          measure(session, settings, 'live', settings.durationSeconds, undefined, onAnswer),
      });
      runs.set('live', outcome.run);
      live = outcome.delivery;
      say(formatRun(outcome.run));
      say(`    ${formatDelivery(live)}`);
      for (const problem of [...outcome.run.problems, ...live.problems]) say(`    ${problem}`);
    }
  } finally {
    await session.server.stop();
  }

  let smallScaleList: (RunResult & { memory: unknown }) | undefined;
  if (wants('scale') && wants('list') && settings.users > settings.smallUsers) {
    const small = await openSession(settings, siblingTarget(target, settings.smallUsers), logFile);
    try {
      await warmUp(small, settings, 'list');
      smallScaleList = await measure(small, settings, 'list', settings.durationSeconds);
      say(formatRun(smallScaleList, `list@${settings.smallUsers}`));
    } finally {
      await small.server.stop();
    }
  }

  const memory = memoryTrend(soakPoints.sort((a, b) => a.second - b.second));
  const targets = evaluateTargets({
    runs,
    sequentialAuthP50: sequential?.serverMs?.auth.p50,
    authCost,
    openingCost,
    smallScaleList,
    smallUsers: settings.smallUsers,
    users: settings.users,
    memory,
    live,
  });
  say('\ntargets:');
  for (const line of formatTargets(targets)) say(`  ${line}`);

  const database = settings.databaseUrl ? 'PostgreSQL' : 'PGlite (embedded)';
  const results = {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      loadAverageAtEnd: loadavg(),
      node: process.version,
    },
    settings: {
      database,
      users: settings.users,
      tasks: settings.users * TASKS_PER_USER,
      tokenUsers: Math.min(settings.tokenUsers, settings.users),
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      soakSeconds: settings.soakSeconds,
      subscribers: settings.subscribers,
      liveGraceSeconds: settings.liveGraceSeconds,
      server: {
        entry: settings.serverEntry,
        DB_POOL_MAX: process.env.DB_POOL_MAX ?? '10 (default)',
        WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? '1 (default)',
        DB_PREPARED_STATEMENTS: process.env.DB_PREPARED_STATEMENTS ?? 'true (default)',
      },
    },
    sequential,
    authCost,
    openingCost,
    runs: Object.fromEntries(runs),
    scale: smallScaleList && { smallUsers: settings.smallUsers, list: smallScaleList },
    soakMemory: { trend: memory, points: soakPoints },
    live,
    targets,
  };
  if (!settings.save) return;
  const file = await writeResults(settings.resultsDir, stamp, results);
  const bars = [...runs.values()].map((r) => ({
    label: r.scenario,
    p50: r.latencyMs.p50,
    p90: r.latencyMs.p90,
    p99: r.latencyMs.p99,
    requestsPerSecond: r.requestsPerSecond,
  }));
  if (smallScaleList) {
    bars.push({
      label: `list@${settings.smallUsers}u`,
      p50: smallScaleList.latencyMs.p50,
      p90: smallScaleList.latencyMs.p90,
      p99: smallScaleList.latencyMs.p99,
      requestsPerSecond: smallScaleList.requestsPerSecond,
    });
  }
  await writeText(
    settings.chartPath,
    renderChart({
      title: `task API bench: ${database}, ${settings.users} users / ${settings.users * TASKS_PER_USER} tasks`,
      subtitle: `${settings.connections} connections, ${settings.durationSeconds} s per scenario, ${cpus().length} shared CPUs, ${started.toISOString().slice(0, 16)}Z`,
      bars,
      latencyLines: [{ value: 40, label: 'list p99 ≤ 40 ms' }],
      throughputLines: [
        { value: 3000, label: 'list ≥ 3,000' },
        { value: 2000, label: 'mix ≥ 2,000' },
      ],
    }),
  );
  const docs = settings.chartPath.replace(/\.svg$/, '.md');
  const documented = await updateDocs(docs, {
    heading: `${database}, ${settings.users.toLocaleString('en')} users, ${started.toISOString().slice(0, 10)}`,
    runs: [
      ...runs.values(),
      ...(smallScaleList ? [{ ...smallScaleList, scenario: `list@${settings.smallUsers}u` }] : []),
    ],
    targets,
    live,
    resultsFile: relative(ROOT, file),
  });
  say(
    `\nresults: ${file} (and latest.json); chart: ${settings.chartPath}` +
      (documented ? `; table: ${docs}` : ''),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
