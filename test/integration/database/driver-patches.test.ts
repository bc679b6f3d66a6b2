import { randomUUID } from 'node:crypto';
import type { QueryRunner } from 'typeorm';
import {
  markTransactionEnded,
  markTransactionStarted,
  ownRunnerQuery,
  replaceClientQuery,
  replaceRunnerQuery,
  type DriverClient,
} from '../../../src/db/driver-patches';
import { OneSyncQuery, type BoundStatement } from '../../../src/db/pipeline/one-sync-query';
import { UserEntity } from '../../../src/entities/user.entity';
import { useTestDatabase } from '../../support/open-test-database';
import { TEST_TARGETS } from '../../support/test-database';

/** TypeORM's private transaction state, as driver-patches.ts writes it. */
function transactionState(runner: QueryRunner) {
  const { isTransactionActive, transactionDepth } = runner as unknown as {
    isTransactionActive: unknown;
    transactionDepth: unknown;
  };
  return { isTransactionActive, transactionDepth };
}

describe.each(TEST_TARGETS)('driver patches on $name', (target) => {
  const handle = useTestDatabase(target);
  let runner: QueryRunner;

  beforeEach(async () => {
    runner = handle.db.dataSource.createQueryRunner();
    await runner.connect();
  });

  afterEach(async () => {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  });

  it("should see every statement of the runner's manager and query builders in its query", async () => {
    const seen: string[] = [];
    const own = ownRunnerQuery(runner);
    replaceRunnerQuery(runner, ((...args: Parameters<QueryRunner['query']>) => {
      seen.push(args[0]);
      return own(...args);
    }) as QueryRunner['query']);
    const id = `patch-${randomUUID()}`;
    const { manager } = runner;
    const steps: [string, () => Promise<unknown>][] = [
      ['save', () => manager.save(manager.create(UserEntity, { id, email: null, name: null }))],
      ['insert', () => manager.insert(UserEntity, { id: `${id}-2` })],
      [
        'getMany',
        () => manager.createQueryBuilder(UserEntity, 'u').where('u.id = :id', { id }).getMany(),
      ],
      ['getRawAndEntities', () => manager.createQueryBuilder(UserEntity, 'u').getRawAndEntities()],
      ['getCount', () => manager.createQueryBuilder(UserEntity, 'u').getCount()],
      [
        'update',
        () =>
          manager
            .createQueryBuilder()
            .update(UserEntity)
            .set({ name: 'n' })
            .where({ id })
            .execute(),
      ],
      ['findOneBy', () => manager.findOneBy(UserEntity, { id })],
      ['delete', () => manager.delete(UserEntity, { id })],
    ];
    for (const [step, run] of steps) {
      const before = seen.length;
      await run();
      // A TypeORM that sends a statement around runner.query escapes the request's queue,
      // pipeline and transaction: this names the step that did.
      expect({ step, throughRunnerQuery: seen.length > before }).toEqual({
        step,
        throughRunnerQuery: true,
      });
    }
  });

  it('should have TypeORM hand the pg client each parameterised statement as (text, values)', async () => {
    const client = (await runner.connect()) as DriverClient;
    const calls: unknown[][] = [];
    replaceClientQuery(client, (own) => (...args: unknown[]) => {
      calls.push(args);
      return own(...args);
    });
    const rows = (await runner.query('SELECT $1::text AS echo', ['x'])) as { echo: string }[];
    expect(rows).toEqual([{ echo: 'x' }]);
    const sent = calls.find(([text]) => text === 'SELECT $1::text AS echo');
    expect(sent?.slice(0, 2)).toEqual(['SELECT $1::text AS echo', ['x']]);
  });

  it('should answer a named statement given as { name, text, values } on the pg client', async () => {
    const client = (await runner.connect()) as DriverClient;
    const name = `driver_patch_${randomUUID().replaceAll('-', '')}`;
    const first = (await client.query({ name, text: 'SELECT $1::int AS n', values: [1] })) as {
      rows: unknown[];
    };
    const again = (await client.query({ name, text: 'SELECT $1::int AS n', values: [2] })) as {
      rows: unknown[];
    };
    expect([first.rows, again.rows]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
  });

  it('should run prepared statements closed by one Sync as one implicit transaction, pipelined (OneSyncQuery)', async () => {
    const client = (await runner.connect()) as DriverClient & { pipeline?: boolean };
    const id = randomUUID().replaceAll('-', '');
    const set = {
      name: `set_${id}`,
      text: `SELECT set_config('app.user_id', $1, true) AS s, now() AS t`,
    };
    const get = {
      name: `get_${id}`,
      text: `SELECT current_setting('app.user_id', true) AS u, now() AS t, $1::int AS n`,
    };
    const fail = { name: `fail_${id}`, text: `SELECT 1 / $1::int AS q` };
    for (const statement of [set, get, fail]) {
      await client.query({ ...statement, values: [statement === set ? 'x' : 1] });
    }
    client.pipeline = true;
    const batch = (statements: BoundStatement[]) =>
      new Promise<{ rows: Record<string, unknown>[][]; query: OneSyncQuery }>((resolve, reject) => {
        const query = new OneSyncQuery(statements, (error, results) =>
          error
            ? reject(Object.assign(error, { query }))
            : resolve({ rows: OneSyncQuery.rowsOf(results), query }),
        );
        void client.query(query);
      });
    const { rows } = await batch([
      { name: set.name, values: ['ann'] },
      { name: get.name, values: [7] },
    ]);
    // The setting held for the statement after it, in the same transaction (one now()).
    expect(rows[1]).toEqual([{ u: 'ann', t: rows[0]![0]!.t, n: 7 }]);
    // ...and ended with it at the Sync.
    const after = (await client.query(`SELECT current_setting('app.user_id', true) AS u`)) as {
      rows: { u: string | null }[];
    };
    expect(after.rows[0]!.u ?? '').toBe('');
    // The first error skips the rest; the query reports how many completed before it.
    const failed = await batch([
      { name: set.name, values: ['bob'] },
      { name: fail.name, values: [0] },
      { name: get.name, values: [1] },
    ]).catch((error: { code?: string; query: OneSyncQuery }) => error);
    expect(failed).toMatchObject({ code: '22012' });
    expect((failed as { query: OneSyncQuery }).query.completed).toBe(1);
    // The connection answers as usual afterwards, pipelined or not.
    expect(((await client.query('SELECT 2 AS two')) as { rows: unknown[] }).rows).toEqual([
      { two: 2 },
    ]);
  });

  it('should keep the transaction state startTransaction() records where markTransactionStarted writes it', async () => {
    expect(transactionState(runner)).toEqual({ isTransactionActive: false, transactionDepth: 0 });
    await runner.startTransaction();
    expect(transactionState(runner)).toEqual({ isTransactionActive: true, transactionDepth: 1 });
    await runner.commitTransaction();
    expect(transactionState(runner)).toEqual({ isTransactionActive: false, transactionDepth: 0 });
  });

  it('should let a transaction begun by hand take savepoints and commit through TypeORM', async () => {
    const id = `patch-${randomUUID()}`;
    await runner.query('START TRANSACTION');
    markTransactionStarted(runner);
    await runner.query('INSERT INTO users (id) VALUES ($1)', [id]);
    // A savepoint, as RequestTransaction.atomic takes one, undone alone.
    await runner.startTransaction();
    await runner.query('INSERT INTO users (id) VALUES ($1)', [`${id}-undone`]);
    await runner.rollbackTransaction();
    expect(transactionState(runner)).toEqual({ isTransactionActive: true, transactionDepth: 1 });
    await runner.commitTransaction();
    expect(transactionState(runner)).toEqual({ isTransactionActive: false, transactionDepth: 0 });
    // On the same connection: embedded PGlite has one session for the whole pool.
    const rows = (await runner.query('SELECT id FROM users WHERE id LIKE $1 ORDER BY id', [
      `${id}%`,
    ])) as { id: string }[];
    expect(rows).toEqual([{ id }]);
  });

  it('should leave a runner idle again after a COMMIT sent by hand and markTransactionEnded', async () => {
    await runner.query('START TRANSACTION');
    markTransactionStarted(runner);
    await runner.query('COMMIT');
    markTransactionEnded(runner);
    expect(runner.isTransactionActive).toBe(false);
    await runner.startTransaction();
    expect(transactionState(runner)).toEqual({ isTransactionActive: true, transactionDepth: 1 });
    await runner.rollbackTransaction();
  });

  it('should refuse to mark a runner whose transaction state is not the idle one it knows', async () => {
    await runner.startTransaction();
    expect(() => markTransactionStarted(runner)).toThrow(
      'The TypeORM query runner does not keep transaction state as expected',
    );
  });
});
