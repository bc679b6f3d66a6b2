import pino from 'pino';
import { startHousekeeping } from '../../src/auth/housekeeping';
import { useTestDatabase } from '../support/open-test-database';
import { TEST_TARGETS } from '../support/test-database';

describe.each(TEST_TARGETS)('housekeeping on $name', (target) => {
  const handle = useTestDatabase(target);

  it('should purge expired revocations and DPoP proof ids, and keep the live ones', async () => {
    const db = handle.db.dataSource;
    await db.query(`INSERT INTO users (id) VALUES ('ann')`);
    await db.query(
      `INSERT INTO revoked_tokens (user_id, token_id, expires_at) VALUES
         ('ann', 'expired', now() - interval '1 minute'),
         ('ann', 'live', now() + interval '1 hour')`,
    );
    await db.query(
      `INSERT INTO dpop_proofs (key, expires_at) VALUES
         ('expired', now() - interval '1 minute'), ('live', now() + interval '1 hour')`,
    );
    const housekeeping = startHousekeeping(db, pino({ level: 'silent' }), 60_000);
    try {
      await housekeeping.purge();
    } finally {
      housekeeping.stop();
    }
    expect(await db.query(`SELECT token_id FROM revoked_tokens`)).toEqual([{ token_id: 'live' }]);
    expect(await db.query(`SELECT key FROM dpop_proofs`)).toEqual([{ key: 'live' }]);
  });
});
