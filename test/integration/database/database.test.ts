import pino from 'pino';
import { useTestDatabase } from '../../support/open-test-database';
import { assertRlsEnforced, findRlsProblems, RlsBypassError } from '../../../src/db/rls-check';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { TEST_TARGETS } from '../../support/test-database';

describe.each(TEST_TARGETS)('database on $name', (target) => {
  // Empty, not the run's migrated template: this server applies every migration itself.
  const handle = useTestDatabase(target, { empty: true });

  it('should apply the migrations and enforce row-level security for the app role', async () => {
    expect(await findRlsProblems(handle.db.dataSource)).toEqual([]);
  });

  it('should keep the app role to its user’s rows although the connecting owner bypasses RLS', async () => {
    const db = handle.db.dataSource;
    const [owner] = await db.query(
      `SELECT rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user`,
    );
    // PGlite is a superuser, CI's PostgreSQL role is BYPASSRLS: both skip the policies.
    expect(owner.bypasses).toBe(true);
    await db.query(`INSERT INTO users (id) VALUES ('rls-ann'), ('rls-bob')`);
    expect(await db.query(`SELECT id FROM users WHERE id LIKE 'rls-%' ORDER BY id`)).toEqual([
      { id: 'rls-ann' },
      { id: 'rls-bob' },
    ]);
    const tx = await RequestTransaction.begin(db, 'rls-ann', pino({ level: 'silent' }));
    try {
      expect(await tx.query(`SELECT id FROM users WHERE id LIKE 'rls-%'`)).toEqual([
        { id: 'rls-ann' },
      ]);
      await expect(tx.query(`INSERT INTO users (id) VALUES ('rls-eve')`)).rejects.toThrow(
        /row-level security/,
      );
    } finally {
      await tx.rollback();
    }
  });

  it('should have nothing left to migrate on a second run', async () => {
    expect(await handle.db.dataSource.runMigrations()).toEqual([]);
  });

  describe('start-up check', () => {
    afterEach(async () => {
      await handle.db.dataSource.query('ALTER TABLE tasks FORCE ROW LEVEL SECURITY');
      await handle.db.dataSource.query('ALTER TABLE tags ENABLE ROW LEVEL SECURITY');
    });

    it('should refuse to serve when a table does not force RLS or has it disabled', async () => {
      await handle.db.dataSource.query('ALTER TABLE tasks NO FORCE ROW LEVEL SECURITY');
      await handle.db.dataSource.query('ALTER TABLE tags DISABLE ROW LEVEL SECURITY');
      expect(await findRlsProblems(handle.db.dataSource)).toEqual(
        expect.arrayContaining([
          'table tasks does not force row-level security',
          'table tags does not enable row-level security',
        ]),
      );
      const log = pino({ level: 'silent' });
      await expect(
        assertRlsEnforced(handle.db.dataSource, { allowBypass: false, log }),
      ).rejects.toThrow(RlsBypassError);
    });

    it('should serve with the development escape hatch, logging it loudly', async () => {
      await handle.db.dataSource.query('ALTER TABLE tasks NO FORCE ROW LEVEL SECURITY');
      const lines: string[] = [];
      const log = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
      await expect(
        assertRlsEnforced(handle.db.dataSource, { allowBypass: true, log }),
      ).resolves.toBeUndefined();
      expect(lines.join('')).toContain('SERVING WITHOUT ROW-LEVEL SECURITY GUARANTEES');
    });
  });
});
