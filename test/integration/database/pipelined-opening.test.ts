import pino from 'pino';
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
    await ds().query(`INSERT INTO users (id) VALUES ('ann'), ('bob'), ('cy')`);
    await ds().query(
      `INSERT INTO tasks (owner_id, title) VALUES ('ann', 'a1'), ('ann', 'a2'), ('bob', 'b1')`,
    );
    await ds().query(
      `INSERT INTO revoked_tokens (user_id, token_id, expires_at) VALUES ('cy', 'jti-cy', now() + interval '1 hour')`,
    );
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
