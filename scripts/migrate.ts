import 'reflect-metadata';
import { ConfigError, loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { OWNERSHIP_SUBSCRIBERS } from '../src/ownership/owner.subscriber';
import { createLogger } from '../src/log/logger';

/** Applies pending migrations (the server also does at start-up) and checks RLS holds. */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, config.logFormat);
  const database = await openDatabase(config, log, { subscribers: OWNERSHIP_SUBSCRIBERS });
  await database.close();
  log.info({ event: 'migrate', embedded: database.embedded }, 'database is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
