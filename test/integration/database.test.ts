import pino from 'pino';
import { openDatabase, type Database } from '../../src/db/database';
import { findRlsProblems } from '../../src/db/rls-check';
import { TEST_TARGETS } from '../support/test-database';

describe.each(TEST_TARGETS)('database on $name', (target) => {
  let db: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const made = await target.create();
    drop = made.drop;
    db = await openDatabase(made.config, pino({ level: 'silent' }));
  });

  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it('should apply the migrations and enforce row-level security for the app role', async () => {
    expect(await findRlsProblems(db.dataSource)).toEqual([]);
  });
});
