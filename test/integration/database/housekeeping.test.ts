import pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { startHousekeeping } from '../../../src/auth/housekeeping';
import { openDatabase, type Database } from '../../../src/db/database';
import { OWNERSHIP_SUBSCRIBERS } from '../../../src/ownership/owner.subscriber';
import { useTestDatabase } from '../../support/open-test-database';
import { createRestrictedOwner, type RestrictedOwner } from '../../support/restricted-owner';
import { describeEachServer, TEST_TARGETS } from '../../support/test-database';

const log = pino({ level: 'silent' });

/** As the owner, but for user `userId`: an owner under FORCE RLS sees only that user's rows. */
function asUser<T>(db: DataSource, userId: string, work: (m: EntityManager) => Promise<T>) {
  return db.transaction(async (manager) => {
    await manager.query(`SELECT set_config('app.user_id', $1, true)`, [userId]);
    return work(manager);
  });
}

async function seed(db: DataSource): Promise<void> {
  for (const user of ['ann', 'bob']) {
    await asUser(db, user, async (m) => {
      await m.query(`INSERT INTO users (id) VALUES ($1)`, [user]);
      await m.query(
        `INSERT INTO revoked_tokens (user_id, token_id, expires_at) VALUES
           ($1, 'expired', now() - interval '1 minute'),
           ($1, 'live', now() + interval '1 hour')`,
        [user],
      );
    });
  }
  await db.query(
    `INSERT INTO dpop_proofs (key, expires_at) VALUES
       ('expired', now() - interval '1 minute'), ('live', now() + interval '1 hour')`,
  );
}

async function purge(db: DataSource): Promise<void> {
  const housekeeping = startHousekeeping(db, log, 60_000);
  try {
    await housekeeping.purge();
  } finally {
    housekeeping.stop();
  }
}

async function expectOnlyLiveEntries(db: DataSource): Promise<void> {
  for (const user of ['ann', 'bob']) {
    expect(
      await asUser(db, user, (m) =>
        m.query(`SELECT token_id FROM revoked_tokens WHERE user_id = $1`, [user]),
      ),
    ).toEqual([{ token_id: 'live' }]);
  }
  expect(await db.query(`SELECT key FROM dpop_proofs`)).toEqual([{ key: 'live' }]);
}

describe.each(TEST_TARGETS)('housekeeping on $name', (target) => {
  const handle = useTestDatabase(target);

  it('should purge expired revocations and DPoP proof ids, and keep the live ones', async () => {
    await seed(handle.db.dataSource);
    await purge(handle.db.dataSource);
    await expectOnlyLiveEntries(handle.db.dataSource);
  });
});

describeEachServer('housekeeping when the tables’ owner has no BYPASSRLS on $name', (target) => {
  let owner: RestrictedOwner;
  let db: Database;
  beforeAll(async () => {
    owner = await createRestrictedOwner(target.baseUrl!);
    db = await openDatabase(
      { databaseUrl: owner.url, dataDir: 'memory://', dbPoolMax: 2, allowRlsBypass: false },
      log,
      { subscribers: OWNERSHIP_SUBSCRIBERS },
    );
  });
  afterAll(async () => {
    await db?.close();
    await owner?.drop();
  });

  it('should still purge every user’s expired entries, and only those', async () => {
    await seed(db.dataSource);
    await purge(db.dataSource);
    await expectOnlyLiveEntries(db.dataSource);
  });
});
