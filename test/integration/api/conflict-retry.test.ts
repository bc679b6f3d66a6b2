import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateKeyPair } from 'jose';
import { createDpopProof, dpopKeyFrom } from '../../../src/auth/dpop/dpop-signer';
import { captureLog } from '../../support/log-capture';
import { describeEachServer } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

// PGlite is one session: two transactions never overlap there, so nothing can conflict.
describeEachServer('a request run again after a concurrent change on $name', (target) => {
  const log = captureLog();
  const server = useTestServer(target, {}, { log: log.logger });

  async function untilWaitingForALock(): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const [row] = await server.app.database.dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      if (row.n > 0) return;
      await sleep(10);
    }
    throw new Error('the request never waited for the locked row');
  }

  it('should answer from the second run without checking the token or its DPoP proof again', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const key = await dpopKeyFrom(privateKey, publicKey);
    const token = await server.token({ sub: `user-${randomUUID()}`, jkt: key.jkt });
    // Each request gets a proof of its own; the retried one has used its proof already.
    const call = async (query: string) =>
      server.post(
        { query },
        {
          authorization: `DPoP ${token}`,
          dpop: await createDpopProof(key, { htm: 'POST', htu: server.url, accessToken: token }),
        },
      );
    const created = await call('mutation { createTask(input: { title: "first" }) { id } }');
    const id = (created.body.data as { createTask: { id: string } }).createTask.id;

    const locker = server.app.database.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    let answer;
    try {
      await locker.query('SELECT id FROM tasks WHERE id = $1 FOR UPDATE', [id]);
      const pending = call(
        `mutation { updateTask(id: "${id}", input: { title: "from the request" }) { title } }`,
      );
      await untilWaitingForALock();
      // Changed after the request's snapshot: its UPDATE fails and the request runs again.
      await locker.query(`UPDATE tasks SET title = 'from elsewhere' WHERE id = $1`, [id]);
      await locker.commitTransaction();
      answer = await pending;
    } finally {
      if (locker.isTransactionActive) await locker.rollbackTransaction();
      await locker.release();
    }

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { updateTask: { title: 'from the request' } } });
    expect(log.events('conflict_retry')).toHaveLength(1);
    expect(log.events('auth_failure')).toEqual([]);
  });
});
