import 'reflect-metadata';
import { loadConfig } from './src/config';
import { createDataSource } from './src/db/data-source';
import { OWNERSHIP_SUBSCRIBERS } from './src/ownership/owner.subscriber';

/**
 * The DataSource the TypeORM CLI uses (`npm run typeorm -- migration:show`). It needs a
 * PostgreSQL URL; for the embedded database, `npm run migrate` starts PGlite itself.
 */
const config = loadConfig();
if (!config.databaseUrl) {
  throw new Error(
    'The TypeORM CLI needs DATABASE_URL; use `npm run migrate` for the embedded database.',
  );
}

export const dataSource = createDataSource({
  url: config.databaseUrl,
  poolMax: 2,
  subscribers: OWNERSHIP_SUBSCRIBERS,
});
