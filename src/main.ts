import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/database';
import { OWNERSHIP_SUBSCRIBERS } from './ownership/owner.subscriber';
import { createLogger } from './log/logger';
import { createApp } from './server';

/**
 * WEB_CONCURRENCY > 1: this process forks that many workers, each a whole server sharing
 * the port (node:cluster hands out connections). It migrates first, once, so the workers
 * do not race to; it replaces a worker that dies and passes SIGTERM/SIGINT on for a drain.
 */
async function runPrimary(config: Config): Promise<void> {
  const log = createLogger(config.logLevel, config.logFormat);
  const database = await openDatabase(config, log, { subscribers: OWNERSHIP_SUBSCRIBERS });
  await database.close();
  if (!config.redis) {
    log.warn(
      { event: 'cluster_rate_limits', workers: config.webConcurrency },
      'rate limits are counted per worker without REDIS_URL: each limit is effectively multiplied',
    );
  }
  let stopping = false;
  const fork = () => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ event: 'worker_exit', pid: worker.process.pid, code, signal }, 'worker died');
    // A worker that cannot start at all would otherwise be replaced in a tight loop.
    setTimeout(fork, 1000);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    log.info({ event: 'shutdown', signal }, 'stopping workers');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  for (let i = 0; i < config.webConcurrency; i += 1) fork();
  log.info({ event: 'cluster', workers: config.webConcurrency }, 'workers started');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (cluster.isPrimary && config.webConcurrency > 1) {
    // PGlite is one in-process session: workers cannot share it.
    if (config.databaseUrl) return runPrimary(config);
    console.error(
      'WEB_CONCURRENCY > 1 needs DATABASE_URL (the embedded database is one process); serving with one.',
    );
  }
  const app = await createApp(config);
  app.log.info(
    { event: 'listening', url: app.url, embedded: app.database.embedded },
    'server ready',
  );
  if (app.devToken && (cluster.worker?.id ?? 1) === 1) {
    // The same token the playground (GraphiQL at the URL, in a browser) is pre-filled with.
    console.log(
      `\nGraphQL API: ${app.url}\nDemo token (12 h):\n\n  Authorization: Bearer ${app.devToken}\n`,
    );
  }
  const shutdown = async (signal: string) => {
    // A second signal is not caught (once): it ends the process at once, mid-drain.
    app.log.info({ event: 'shutdown', signal }, 'draining, then shutting down');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
