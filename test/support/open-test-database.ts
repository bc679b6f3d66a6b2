import pino from 'pino';
import { openDatabase, type Database } from '../../src/db/database';
import { OWNERSHIP_SUBSCRIBERS } from '../../src/ownership/owner.subscriber';
import type { CreateOptions, TestTarget } from './test-database';

/**
 * A fresh, migrated database for one test file (opened in beforeAll, dropped in afterAll).
 * Read `.db` inside tests and hooks, not at collection time.
 */
export function useTestDatabase(
  target: TestTarget,
  options: CreateOptions = {},
): { readonly db: Database } {
  const handle = {} as { db: Database };
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const made = await target.create(options);
    drop = made.drop;
    handle.db = await openDatabase(made.config, pino({ level: 'silent' }), {
      subscribers: OWNERSHIP_SUBSCRIBERS,
    });
  });
  afterAll(async () => {
    await handle.db?.close();
    await drop?.();
  });
  return handle;
}
