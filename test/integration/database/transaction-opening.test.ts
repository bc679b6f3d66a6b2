import pino from 'pino';
import { APP_ROLE } from '../../../src/db/app-role';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { useTestDatabase } from '../../support/open-test-database';
import { TEST_TARGETS } from '../../support/test-database';

const log = pino({ level: 'silent' });

describe.each(TEST_TARGETS)('the request transaction opening on $name', (target) => {
  const handle = useTestDatabase(target);

  beforeAll(async () => {
    // Seeded as the connection's superuser, below the application.
    await handle.db.dataSource.query(`INSERT INTO users (id) VALUES ('ann'), ('bob')`);
    await handle.db.dataSource.query(
      `INSERT INTO tasks (owner_id, title) VALUES ('ann', 'a1'), ('ann', 'a2'), ('bob', 'b1')`,
    );
  });

  it('should run its read as the app role, for the user, in the same round trip', async () => {
    const tx = await RequestTransaction.begin(handle.db.dataSource, 'ann', log, {
      read: {
        sql: `SELECT current_user AS role, current_setting('app.user_id') AS user_id, $1 AS echo`,
        params: ['x'],
      },
    });
    try {
      expect(tx.openingRows).toEqual([{ role: APP_ROLE, user_id: 'ann', echo: 'x' }]);
    } finally {
      await tx.rollback();
    }
  });

  it('should apply row-level security to its read, with no owner condition in the SQL', async () => {
    const tx = await RequestTransaction.begin(handle.db.dataSource, 'ann', log, {
      read: { sql: 'SELECT title FROM tasks ORDER BY title', params: [] },
    });
    try {
      expect(tx.openingRows).toEqual([{ title: 'a1' }, { title: 'a2' }]);
    } finally {
      await tx.rollback();
    }
  });

  it('should leave the transaction open for the request, savepoints included', async () => {
    const tx = await RequestTransaction.begin(handle.db.dataSource, 'bob', log);
    try {
      expect(tx.openingRows).toEqual([]);
      const [row] = await tx.query(
        `SELECT current_user AS role, current_setting('app.user_id') AS user_id`,
      );
      expect(row).toEqual({ role: APP_ROLE, user_id: 'bob' });
      await tx.query(`INSERT INTO tasks (owner_id, title) VALUES ('bob', 'kept')`);
      await expect(
        tx.atomic(async () => {
          await tx.query(`INSERT INTO tasks (owner_id, title) VALUES ('bob', 'undone')`);
          throw new Error('undo this mutation only');
        }),
      ).rejects.toThrow('undo this mutation only');
      await tx.commit();
    } finally {
      await tx.rollback();
    }
    const titles = await handle.db.dataSource.query(
      `SELECT title FROM tasks WHERE owner_id = 'bob' ORDER BY title`,
    );
    expect(titles).toEqual([{ title: 'b1' }, { title: 'kept' }]);
  });

  it('should fail whole when its read fails, and hand back a clean connection', async () => {
    await expect(
      RequestTransaction.begin(handle.db.dataSource, 'ann', log, {
        read: { sql: 'SELECT 1 / 0 AS boom', params: [] },
      }),
    ).rejects.toThrow(/division by zero/);
    // The next request on the (possibly same) connection starts from nothing left over.
    const tx = await RequestTransaction.begin(handle.db.dataSource, 'bob', log, {
      read: { sql: `SELECT current_setting('app.user_id') AS user_id`, params: [] },
    });
    try {
      expect(tx.openingRows).toEqual([{ user_id: 'bob' }]);
    } finally {
      await tx.rollback();
    }
    const [outside] = await handle.db.dataSource.query(
      `SELECT current_user AS role, coalesce(current_setting('app.user_id', true), '') AS user_id`,
    );
    expect(outside.role).not.toBe(APP_ROLE);
    expect(outside.user_id).toBe('');
  });

  it('should carry a user id with quotes and backslashes exactly', async () => {
    const awkward = `o'brien\\"; SELECT 1; --`;
    const tx = await RequestTransaction.begin(handle.db.dataSource, awkward, log, {
      read: {
        sql: `SELECT current_setting('app.user_id') AS user_id, $1 AS echo`,
        params: [awkward],
      },
    });
    try {
      expect(tx.openingRows).toEqual([{ user_id: awkward, echo: awkward }]);
    } finally {
      await tx.rollback();
    }
  });
});
