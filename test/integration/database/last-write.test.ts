import pino from 'pino';
import { revocationGate } from '../../../src/auth/revocation-gate';
import type { Viewer } from '../../../src/auth/viewer';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { NotFoundError } from '../../../src/errors/errors';
import { useTestDatabase } from '../../support/open-test-database';
import { TEST_TARGETS } from '../../support/test-database';

const log = pino({ level: 'silent' });
const viewer = (id: string) => ({ id, tokenId: `jti-${id}`, issuedAt: 1_000 }) as Viewer;
const INSERT = `INSERT INTO tasks (owner_id, title) VALUES (current_setting('app.user_id'), $1)`;

/**
 * An operation's last write ends its transaction in the write's own message
 * (RequestTransaction.atomic with `last`): what is stored must still be exactly what the
 * answer reports, whichever way the write fails.
 */
describe.each(TEST_TARGETS)('the last write of an operation on $name', (target) => {
  const handle = useTestDatabase(target);
  const ds = () => handle.db.dataSource;
  const begin = () =>
    RequestTransaction.begin(ds(), 'ann', log, {
      read: revocationGate(viewer('ann')),
      pipelined: true,
      checkOpening: () => undefined,
    });
  const stored = async (title: string) =>
    (await ds().query(`SELECT count(*)::int AS n FROM tasks WHERE title = $1`, [title]))[0].n;

  beforeAll(async () => {
    await ds().query(`INSERT INTO users (id) VALUES ('ann')`);
  });

  it('should store a write whose statements all left, with no statement after it', async () => {
    const tx = await begin();
    const [, rows] = await tx.atomic(
      () =>
        tx.sendInOrder([
          () => tx.query(INSERT, ['kept']),
          () => tx.query(`SELECT title FROM tasks WHERE title = 'kept'`),
        ]),
      { last: true },
    );
    expect(rows).toEqual([{ title: 'kept' }]);
    // Its transaction has ended: a late statement is refused, and the run is not void.
    await expect(tx.query('SELECT 1')).rejects.toThrow('a statement after its write');
    expect(tx.missed).toBe(false);
    await tx.commit();
    expect(await stored('kept')).toBe(1);
  });

  it('should store nothing of a write refused in JavaScript before its statements all left', async () => {
    const tx = await begin();
    const write = tx.atomic(
      () =>
        tx.sendInOrder([
          () => tx.query(INSERT, ['before the refusal']),
          () => Promise.reject(new NotFoundError()),
          () => tx.query(INSERT, ['after the refusal']),
        ]),
      { last: true },
    );
    await expect(write).rejects.toBeInstanceOf(NotFoundError);
    await tx.commit();
    expect(await stored('before the refusal')).toBe(0);
    expect(await stored('after the refusal')).toBe(0);
  });

  it('should store nothing of a write refused at the database, its COMMIT already sent', async () => {
    const tx = await begin();
    const write = tx.atomic(
      () =>
        tx.sendInOrder([
          () => tx.query(INSERT, ['refused later']),
          () => tx.query(`SELECT refuse_missing_row()`),
        ]),
      { last: true },
    );
    await expect(write).rejects.toMatchObject({ driverError: { code: 'TAMIS' } });
    await tx.commit();
    expect(await stored('refused later')).toBe(0);
  });

  it('should fail the request when a write that answered was rolled back at its COMMIT', async () => {
    const tx = await begin();
    // A step that swallows its statement's error: the write answers, the database rolled back.
    await tx.atomic(
      () =>
        tx.sendInOrder([
          () => tx.query(INSERT, ['lost']),
          () => tx.query(`SELECT 1 / 0`).catch(() => 'swallowed'),
        ]),
      { last: true },
    );
    await expect(tx.commit()).rejects.toThrow('rolled back at COMMIT');
    expect(await stored('lost')).toBe(0);
  });

  it('should keep savepoints and a COMMIT of its own when the write is not the last', async () => {
    const tx = await begin();
    await expect(
      tx.atomic(() => tx.sendInOrder([() => tx.query(`SELECT refuse_missing_row()`)])),
    ).rejects.toMatchObject({ driverError: { code: 'TAMIS' } });
    // The failed mutation's savepoint is undone; the next one in the document stands.
    await tx.atomic(() => tx.sendInOrder([() => tx.query(INSERT, ['second'])]), { last: false });
    expect(await tx.query(`SELECT count(*)::int AS n FROM tasks WHERE title = 'second'`)).toEqual([
      { n: 1 },
    ]);
    await tx.commit();
    expect(await stored('second')).toBe(1);
  });
});
