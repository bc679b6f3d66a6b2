import 'reflect-metadata';
import { signToken } from './auth/token-signer';
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
  if (!config.isProduction) {
    // A ready-to-paste token for a demo user, signed with the (dev) secret.
    const token = await signToken(app.authSecret, {
      sub: 'demo-user',
      email: 'demo@example.com',
      name: 'Demo User',
      ttlSeconds: Math.min(config.maxTokenTtlSeconds, 12 * 3600),
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
    });
    console.log(
      `\nGraphQL API: ${app.url}\nDemo token (12 h):\n\n  Authorization: Bearer ${token}\n`,
    );
  }
  const shutdown = async (signal: string) => {
    app.log.info({ event: 'shutdown', signal }, 'shutting down');
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
