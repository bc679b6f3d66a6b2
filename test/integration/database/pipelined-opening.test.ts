import pino from 'pino';
import type { DataSource } from 'typeorm';
import { revocationGate } from '../../../src/auth/revocation-gate';
import type { Viewer } from '../../../src/auth/viewer';
import { APP_ROLE } from '../../../src/db/app-role';
import type { Settled } from '../../../src/db/pipeline/statement-pipeline';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { StaleReadError } from '../../../src/errors/errors';
import { useTestDatabase } from '../../support/open-test-database';
import { TEST_TARGETS } from '../../support/test-database';

const log = pino({ level: 'silent' });

const viewer = (id: string) => ({ id, tokenId: `jti-${id}`, issuedAt: 1_000 }) as Viewer;

/** What the context factory judges: the check's answer, or the error it raised. */
function recorder() {
  const seen: Settled<Record<string, unknown>[]>[] = [];
  return {
    seen,
    checkOpening: (opening: Settled<Record<string, unknown>[]>) => seen.push(opening),
  };
}

/** ann with two tasks, bob with one, and cy whose token is revoked. */
async function seed(ds: DataSource): Promise<void> {
  await ds.query(`INSERT INTO users (id) VALUES ('ann'), ('bob'), ('cy')`);
  await ds.query(
    `INSERT INTO tasks (owner_id, title) VALUES ('ann', 'a1'), ('ann', 'a2'), ('bob', 'b1')`,
  );
  await ds.query(
    `INSERT INTO revoked_tokens (user_id, token_id, expires_at) VALUES ('cy', 'jti-cy', now() + interval '1 hour')`,
  );
}

const WHO = `SELECT current_user AS role, current_setting('app.user_id', true) AS user_id`;

describe.each(TEST_TARGETS)('the pipelined request transaction on $name', (target) => {
  const handle = useTestDatabase(target);
  const ds = () => handle.db.dataSource;
  const begin = (id: string, check: ReturnType<typeof recorder>) =>
    RequestTransaction.begin(ds(), id, log, {
      read: revocationGate(viewer(id)),
      pipelined: true,
      checkOpening: check.checkOpening,
    });

  beforeAll(async () => {
    await seed(ds());
  });

  it('should run its statements as the app role for the user, under row-level security', async () => {
    const check = recorder();
    const tx = await begin('ann', check);
    const [who, titles] = await Promise.all([
      tx.query(WHO),
      tx.query(`SELECT title FROM tasks ORDER BY title`),
    ]);
    await tx.commit();
    expect(who).toEqual([{ role: APP_ROLE, user_id: 'ann' }]);
    expect(titles).toEqual([{ title: 'a1' }, { title: 'a2' }]);
    expect(check.seen).toEqual([{ ok: true, value: [{ revoked: false }] }]);
  });

  it('should end a read-only transaction with its first wave and refuse a later statement unsent', async () => {
    const tx = await begin('bob', recorder());
    tx.readOnly(`early-${target.name}`);
    expect(await tx.query(`SELECT title FROM tasks`)).toEqual([{ title: 'b1' }]);
    await expect(tx.query(WHO)).rejects.toBeInstanceOf(StaleReadError);
    expect(tx.missed).toBe(true);
    await tx.commit();
    // The connection is back to its login role with no user: nothing outlived the transaction.
    const [after] = await ds().query(WHO);
    expect(after.role).not.toBe(APP_ROLE);
    expect(after.user_id ?? '').toBe('');
  });

  it('should abort before any statement reads when the token is revoked', async () => {
    const check = recorder();
    const tx = await begin('cy', check);
    const read = tx.query(`SELECT title FROM tasks`);
    await expect(read).rejects.toBeInstanceOf(StaleReadError);
    await tx.commit();
    expect(check.seen).toHaveLength(1);
    expect(check.seen[0]).toMatchObject({ ok: false, error: { code: 'TAREV' } });
    const [after] = await ds().query(WHO);
    expect(after.role).not.toBe(APP_ROLE);
  });
});

describe.each(TEST_TARGETS)(
  'a lone read sent with the opening as one message on $name',
  (target) => {
    const handle = useTestDatabase(target);
    const ds = () => handle.db.dataSource;
    const begin = (id: string, check = recorder(), statementTimeoutMs?: number) =>
      RequestTransaction.begin(ds(), id, log, {
        read: revocationGate(viewer(id)),
        pipelined: true,
        checkOpening: check.checkOpening,
        statementTimeoutMs,
      });
    const TITLES = `SELECT title FROM tasks WHERE $1::text IS NOT NULL ORDER BY title`;

    /** Runs `sql` the usual way once, so the pool's (one idle) connection prepares all three. */
    async function prepare(id: string, sql: string, params: unknown[]) {
      const tx = await begin(id);
      expect(tx.readAlone(sql, params)).toBeUndefined();
      await tx.query(sql, params);
      await tx.commit();
    }

    beforeAll(async () => {
      await seed(ds());
      await prepare('ann', TITLES, ['x']);
      await prepare('ann', `${WHO}, $1::text AS tag`, ['x']);
    });

    it('should run as the app role for the user, under row-level security, and end there', async () => {
      const check = recorder();
      const tx = await begin('ann', check);
      const who = tx.readAlone(`${WHO}, $1::text AS tag`, ['t']);
      expect(who).toBeDefined();
      expect(await who).toEqual([{ role: APP_ROLE, user_id: 'ann', tag: 't' }]);
      await tx.commit();
      expect(check.seen).toEqual([{ ok: true, value: [{ revoked: false }] }]);
      const [after] = await ds().query(WHO);
      expect(after.role).not.toBe(APP_ROLE);
      expect(after.user_id ?? '').toBe('');
    });

    it('should read only the user’s rows, and refuse any statement after it unsent', async () => {
      const tx = await begin('bob');
      expect(await tx.readAlone(TITLES, ['x'])).toEqual([{ title: 'b1' }]);
      await expect(tx.query(WHO)).rejects.toBeInstanceOf(StaleReadError);
      expect(tx.missed).toBe(true);
      await tx.commit();
    });

    it('should not be taken once the opening has left with another statement', async () => {
      const tx = await begin('ann');
      const first = tx.query(TITLES, ['x']);
      expect(tx.readAlone(TITLES, ['x'])).toBeUndefined();
      expect(await first).toEqual([{ title: 'a1' }, { title: 'a2' }]);
      await tx.commit();
    });

    it('should read nothing for a revoked token, the opening judged as refused', async () => {
      const check = recorder();
      const tx = await begin('cy', check);
      await expect(tx.readAlone(TITLES, ['x'])).rejects.toBeInstanceOf(StaleReadError);
      await tx.commit();
      expect(check.seen).toHaveLength(1);
      expect(check.seen[0]).toMatchObject({ ok: false, error: { code: 'TAREV' } });
      const [after] = await ds().query(WHO);
      expect(after.role).not.toBe(APP_ROLE);
    });

    it('should report a failing read as that statement’s error, with the opening passed', async () => {
      const sql = `SELECT 1 / ($1::int - 1) AS q`;
      await prepare('ann', sql, [2]);
      const check = recorder();
      const tx = await begin('ann', check);
      await expect(tx.readAlone(sql, [1])).rejects.toMatchObject({
        driverError: { code: '22012' },
      });
      await tx.rollback();
      expect(check.seen).toEqual([]);
      // The connection went back clean: the next request on it works as usual.
      const next = await begin('ann', check);
      expect(await next.readAlone(sql, [3])).toEqual([{ q: 0 }]);
      await next.commit();
      expect(check.seen).toEqual([{ ok: true, value: [{ revoked: false }] }]);
    });
  },
);
