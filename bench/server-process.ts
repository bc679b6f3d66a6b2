import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../test/support/free-port';
import type { BenchTarget } from './bench-database';
import { childrenOf } from './cpu-usage';

export interface ServerOptions {
  readonly entry: string;
  readonly target: BenchTarget;
  readonly secret: string;
  readonly logFile: string;
  readonly logLevel: string;
  readonly cpuProfileDir: string | undefined;
}

export interface MemorySample {
  /** Resident memory of the server and its workers, bytes. */
  readonly rss: number;
  /** V8 heap in use, bytes, from the metrics port (one worker's when clustered). */
  readonly heapUsed: number | undefined;
}

/** How long a full collection of the server's heap (tens of MB) takes at most, with margin. */
const COLLECTION_WAIT_MS = 300;
const COLLECT_ON_SIGNAL = join(__dirname, 'collect-on-signal.js');

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /**
   * With `afterCollection`, a full collection runs first in every server process, so the heap
   * reading is what survives it (live data), not garbage waiting for the next one.
   */
  memory(options?: { afterCollection?: boolean }): Promise<MemorySample>;
  /** The server's process and its workers. */
  pids(): Promise<number[]>;
  stop(): Promise<void>;
}

/** The settings a stray BETTER_AUTH_URL or JWKS in the caller's shell would break tokens with. */
const NOT_INHERITED = [
  'BETTER_AUTH_URL',
  'BETTER_AUTH_JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'DATABASE_URL',
  'DATA_DIR',
];

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}

async function preloaded(pids: readonly number[]): Promise<number[]> {
  const found: number[] = [];
  for (const pid of pids) {
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.includes(COLLECT_ON_SIGNAL)) found.push(pid);
  }
  return found;
}

async function heapUsed(metricsUrl: string): Promise<number | undefined> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const value = /^task_api_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1];
    return value === undefined ? undefined : Number(value);
  } catch {
    return undefined;
  }
}

async function waitUntilReady(base: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited with ${child.exitCode} while starting; see ${logFile}`);
    }
    try {
      if ((await fetch(`${base}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`The server did not become ready in 120 s; see ${logFile}`);
}

/** Starts `node dist/src/main.js` in production mode against the target; logs go to logFile. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  Object.assign(env, {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    METRICS_HOST: '127.0.0.1',
    BETTER_AUTH_SECRET: options.secret,
    LOG_LEVEL: options.logLevel,
    ...(options.target.databaseUrl
      ? { DATABASE_URL: options.target.databaseUrl }
      : { DATA_DIR: options.target.dataDir }),
  });
  const nodeArgs = [
    '--expose-gc',
    '--require',
    COLLECT_ON_SIGNAL,
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
  ];
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, options.entry], {
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(base, child, options.logFile);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const pid = child.pid!;
  return {
    url: `${base}/graphql`,
    pid,
    async pids() {
      return [pid, ...(await childrenOf(pid))];
    },
    async memory({ afterCollection = false } = {}) {
      const pids = [pid, ...(await childrenOf(pid))];
      if (afterCollection) {
        // Only processes that preloaded the handler: SIGUSR2 would end any other.
        for (const each of await preloaded(pids)) process.kill(each, 'SIGUSR2');
        await sleep(COLLECTION_WAIT_MS);
      }
      const rss = (await Promise.all(pids.map(rssOf))).reduce((a, b) => a + b, 0);
      return { rss, heapUsed: await heapUsed(`http://127.0.0.1:${metricsPort}/metrics`) };
    },
    async stop() {
      if (child.exitCode !== null) return;
      // SIGTERM drains and exits cleanly, which is also when --cpu-prof writes its profile.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
