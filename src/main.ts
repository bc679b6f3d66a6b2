import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { createApp } from './server';

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
  const app = await createApp(config);
  app.log.info(
    { event: 'listening', url: app.url, embedded: app.database.embedded },
    'server ready',
  );
  if (app.devToken) {
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
