import pino from 'pino';
import { revocationGate } from '../../../src/auth/revocation-gate';
import type { Viewer } from '../../../src/auth/viewer';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { QueryTimeoutError } from '../../../src/errors/errors';
import { useTestDatabase } from '../../support/open-test-database';
import { describeEachServer } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

const log = pino({ level: 'silent' });
// PGlite runs without timers: statement_timeout is accepted there and never fires.

describeEachServer('the statement timeout of a request transaction on $name', (target) => {
  const handle = useTestDatabase(target);
  const begin = (statementTimeoutMs?: number) =>
    RequestTransaction.begin(handle.db.dataSource, 'ann', log, { statementTimeoutMs });
  const setting = async (tx: RequestTransaction) =>
    (await tx.query<{ statement_timeout: string }>('SHOW statement_timeout'))[0]!.statement_timeout;

  it('should hold for this transaction only, never the pooled connection', async () => {
    const tx = await begin(250);
    expect(await setting(tx)).toBe('250ms');
    await tx.commit();
    const next = await begin();
    expect(await setting(next)).toBe('0');
    await next.rollback();
  });

  it('should stop a long statement with QueryTimeoutError, and the statements after it', async () => {
    const tx = await begin(200);
    const started = Date.now();
    await expect(tx.query('SELECT pg_sleep(5)')).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(tx.timedOut).toBe(true);
    // The transaction is aborted: what follows fails for the same reason, not as an unknown.
    await expect(tx.query('SELECT 1')).rejects.toBeInstanceOf(QueryTimeoutError);
    await tx.rollback();
  });

  it('should leave a savepoint usable and still mark the request as timed out', async () => {
    const tx = await begin(200);
    await expect(tx.atomic(() => tx.query('SELECT pg_sleep(5)'))).rejects.toBeInstanceOf(
      QueryTimeoutError,
    );
    expect(await tx.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(tx.timedOut).toBe(true);
    await tx.rollback();
  });

  it('should stop a lone read sent with the opening as one message', async () => {
    const pipelined = (statementTimeoutMs: number) =>
      RequestTransaction.begin(handle.db.dataSource, 'ann', log, {
        read: revocationGate({ id: 'ann', tokenId: 'jti', issuedAt: 1 } as Viewer),
        pipelined: true,
        statementTimeoutMs,
        checkOpening: () => undefined,
      });
    const sleep = 'SELECT pg_sleep($1::float8) AS slept';
    // The usual way first: the pool's idle connection prepares the three statements.
    const first = await pipelined(200);
    await first.query(sleep, [0]);
    await first.commit();
    const tx = await pipelined(200);
    const started = Date.now();
    await expect(tx.readAlone(sleep, [5])).rejects.toBeInstanceOf(QueryTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(tx.timedOut).toBe(true);
    await tx.rollback();
  });
});

describeEachServer('a request stopped by the statement timeout on $name', (target) => {
  const server = useTestServer(target, { DB_STATEMENT_TIMEOUT: '300ms' });

  it('should answer 503 TIMEOUT alone and save none of its mutations', async () => {
    const user = await server.user();
    await user.gql('{ me { id } }');
    // Another session holds the tasks table, so the second mutation waits past the timeout.
    const locker = server.app.database.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query('LOCK TABLE tasks IN ACCESS EXCLUSIVE MODE');
    let res;
    try {
      res = await user.gql(
        `mutation {
          createProject(input: { name: "half" }) { id }
          createTask(input: { title: "blocked" }) { id }
        }`,
      );
    } finally {
      await locker.rollbackTransaction();
      await locker.release();
    }
    expect(res.status).toBe(503);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toEqual([
      {
        message: expect.stringMatching(/took too long .* nothing was saved/),
        extensions: { code: 'TIMEOUT' },
      },
    ]);
    const after = await user.gql('{ projects { totalCount } tasks { totalCount } }');
    expect(after.body.data).toEqual({ projects: { totalCount: 0 }, tasks: { totalCount: 0 } });
  });
});
