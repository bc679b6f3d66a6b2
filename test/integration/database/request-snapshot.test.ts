import pino from 'pino';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { ErrorCode } from '../../../src/errors/errors';
import { useTestDatabase } from '../../support/open-test-database';
import { describeEachServer } from '../../support/test-database';

const log = pino({ level: 'silent' });
// PGlite is one session: its transactions never overlap, so there is nothing to observe.
describeEachServer('one snapshot per request on $name', (target) => {
  const handle = useTestDatabase(target);

  beforeAll(async () => {
    await handle.db.dataSource.query(`INSERT INTO users (id) VALUES ('ann')`);
    await handle.db.dataSource.query(
      `INSERT INTO tasks (owner_id, title) VALUES ('ann', 'a1'), ('ann', 'a2')`,
    );
  });

  const count = async (tx: RequestTransaction) =>
    Number((await tx.query<{ n: string }>(`SELECT count(*) AS n FROM tasks`))[0]!.n);

  it("should answer a count and a page from the same moment while the user's other request writes", async () => {
    const reader = await RequestTransaction.begin(handle.db.dataSource, 'ann', log);
    try {
      const before = await count(reader);
      const writer = await RequestTransaction.begin(handle.db.dataSource, 'ann', log);
      await writer.atomic(() =>
        writer.query(`INSERT INTO tasks (owner_id, title) VALUES ('ann', 'a3')`),
      );
      await writer.commit();
      const page = await reader.query<{ title: string }>(`SELECT title FROM tasks ORDER BY title`);
      expect(page.map((row) => row.title)).toEqual(['a1', 'a2']);
      expect(page).toHaveLength(before);
      expect(reader.conflicted).toBe(false);
    } finally {
      await reader.rollback();
    }
    const next = await RequestTransaction.begin(handle.db.dataSource, 'ann', log);
    try {
      expect(await count(next)).toBe(3);
    } finally {
      await next.rollback();
    }
  });

  it('should refuse a write to a row changed since the request began as CONFLICT, writing nothing', async () => {
    const late = await RequestTransaction.begin(handle.db.dataSource, 'ann', log);
    try {
      await count(late);
      const early = await RequestTransaction.begin(handle.db.dataSource, 'ann', log);
      await early.atomic(() => early.query(`UPDATE tasks SET title = 'first' WHERE title = 'a1'`));
      await early.commit();
      const failed = late.atomic(() =>
        late.query(`UPDATE tasks SET title = 'second' WHERE title = 'a1'`),
      );
      await expect(failed).rejects.toMatchObject({
        extensions: { code: ErrorCode.CONFLICT },
      });
      // The handler runs such a request again on a fresh snapshot.
      expect(late.conflicted).toBe(true);
      // The savepoint is gone and the request's transaction goes on.
      expect(await count(late)).toBe(3);
    } finally {
      await late.rollback();
    }
    const [row] = await handle.db.dataSource.query(
      `SELECT count(*) FILTER (WHERE title = 'first') AS first,
                count(*) FILTER (WHERE title = 'second') AS second FROM tasks`,
    );
    expect(row).toEqual({ first: '1', second: '0' });
  });
});
