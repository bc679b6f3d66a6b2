import pino from 'pino';
import type { Viewer } from '../../../src/auth/viewer';
import type { Database } from '../../../src/db/database';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { Priority } from '../../../src/domain/priority';
import { ProjectOrderField } from '../../../src/domain/project-order';
import { SortDirection, TaskOrderField } from '../../../src/domain/task-order';
import { tasksStatement } from '../../../src/ownership/compiled/task-read.statement';
import { createStores } from '../../../src/ownership/stores';
import { useTestDatabase } from '../../support/open-test-database';
import { TEST_TARGETS } from '../../support/test-database';

const log = pino({ level: 'silent' });

function viewer(id: string): Viewer {
  return {
    id,
    email: null,
    name: null,
    scopes: null,
    boundKey: null,
    tokenId: id,
    issuedAt: 0,
    expiresAt: 0,
  };
}

/** Runs `work` in a request transaction and EXPLAINs every SELECT it issued. */
async function plansOf(
  db: Database,
  userId: string,
  work: (s: ReturnType<typeof createStores>) => Promise<unknown>,
) {
  const tx = await RequestTransaction.begin(db.dataSource, userId, log);
  const runner = tx.manager.queryRunner!;
  const issued: [string, unknown[]][] = [];
  const query = runner.query;
  runner.query = ((sql: string, params?: unknown[], ...rest: unknown[]) => {
    if (/^\s*SELECT/i.test(sql) && !sql.includes('set_config')) issued.push([sql, params ?? []]);
    return (query as (...args: unknown[]) => unknown)(sql, params, ...rest);
  }) as typeof runner.query;
  try {
    await work(createStores(tx, viewer(userId)));
    // Small tables make a sequential scan cheapest; forbidding it shows an index can serve.
    await tx.query('SET LOCAL enable_seqscan = off');
    // Likewise a bitmap scan and a sort of the few rows estimated: without it, only an index
    // in the list's order (read either way) avoids the Sort the tests look for.
    await tx.query('SET LOCAL enable_bitmapscan = off');
    const plans: string[] = [];
    for (const [sql, params] of issued) {
      const rows = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
    }
    return plans;
  } finally {
    await tx.rollback();
  }
}

describe.each(TEST_TARGETS)('query plans on $name', (target) => {
  const handle = useTestDatabase(target);

  beforeAll(async () => {
    // Seeded as the connection's superuser, below the application.
    await handle.db.dataSource.query(
      `INSERT INTO users (id) SELECT 'u' || g FROM generate_series(1, 20) g`,
    );
    await handle.db.dataSource.query(
      `INSERT INTO tasks (owner_id, title, priority, due_at)
       SELECT 'u' || (g % 20 + 1), 'task ' || g, g % 4, now() + g * interval '1 hour'
       FROM generate_series(1, 4000) g`,
    );
    await handle.db.dataSource.query(
      `INSERT INTO projects (owner_id, name, created_at, updated_at)
       SELECT 'u' || (g % 20 + 1), 'project ' || g, now() - g * interval '1 minute',
              now() - (g % 97) * interval '1 hour'
       FROM generate_series(1, 2000) g`,
    );
    await handle.db.dataSource.query('ANALYZE');
  });

  it.each(Object.values(TaskOrderField))(
    'should list tasks ordered by %s with an index range scan on the owner and no sort',
    async (field) => {
      for (const direction of [SortDirection.ASC, SortDirection.DESC]) {
        const [page] = await plansOf(handle.db, 'u1', (s) =>
          s.tasks.list({ order: { field, direction }, first: 20 }).page(),
        );
        expect(page).toMatch(/Index (Only )?Scan( Backward)? using tasks_owner_/);
        expect(page).toContain('owner_id');
        expect(page).not.toMatch(/Seq Scan|Sort/);
      }
    },
  );

  it.each(Object.values(TaskOrderField))(
    'should list a backward page (last/before) ordered by %s with an index range scan and no sort',
    async (field) => {
      for (const direction of [SortDirection.ASC, SortDirection.DESC]) {
        const order = { field, direction };
        const plans = await plansOf(handle.db, 'u1', async (s) => {
          const first = await s.tasks.list({ order, first: 20 }).page();
          await s.tasks.list({ order, first: 5, before: first.cursors[10]!, fromEnd: true }).page();
        });
        const page = plans[1];
        expect(page).toMatch(/Index (Only )?Scan( Backward)? using tasks_owner_/);
        expect(page).not.toMatch(/Seq Scan|Sort/);
      }
    },
  );

  it.each(Object.values(ProjectOrderField))(
    'should list projects ordered by %s both ways and both directions with an index and no sort',
    async (field) => {
      for (const direction of [SortDirection.ASC, SortDirection.DESC]) {
        const order = { field, direction };
        const window = { after: null, before: null };
        const plans = await plansOf(handle.db, 'u1', async (s) => {
          const first = await s.projects
            .list({ order, first: 20, ...window, fromEnd: false })
            .page();
          await s.projects
            .list({ order, first: 5, after: null, before: first.cursors[10]!, fromEnd: true })
            .page();
        });
        expect(plans).toHaveLength(2);
        for (const plan of plans) {
          expect(plan).toMatch(/Index (Only )?Scan( Backward)? using projects_owner_/);
          expect(plan).not.toMatch(/Seq Scan|Sort/);
        }
      }
    },
  );

  it("should read a page's projects and tags with it through their keys", async () => {
    const [page] = await plansOf(handle.db, 'u1', (s) =>
      s.tasks
        .list(
          { order: { field: TaskOrderField.CREATED_AT, direction: SortDirection.ASC }, first: 20 },
          { project: true, tags: true },
        )
        .page(),
    );
    // Per task: its project by key, its links by task, their tags; the page itself unsorted.
    expect(page).toMatch(/Index Scan using tasks_owner_created on tasks t/);
    expect(page).toMatch(/Scan using \w+ on projects p .*\n\s+Index Cond: .*id = t\.project_id/);
    expect(page).toMatch(/Scan using \w+ on task_tags tt .*\n\s+Index Cond: .*task_id = t\.id/);
    expect(page).toMatch(/Index (Only )?Scan using \w+ on tags g/);
    expect(page).not.toContain('Seq Scan');
    expect(page!.split('SubPlan')[0]).not.toContain('Sort');
  });

  it('should read a compiled page without pageInfo through the owner index, its projects and tags by key', async () => {
    const nodes = [
      { key: 'title', field: 'title' },
      { key: 'project', field: 'project', project: [{ key: 'name', field: 'name' }] },
      { key: 'tags', field: 'tags', tags: [{ key: 'name', field: 'name' }] },
    ] as const;
    const statement = tasksStatement(
      [{ key: 'nodes', field: 'nodes', nodes }],
      { first: 20 },
      { viewerId: 'u1', ownerFilter: true },
    )!;
    const tx = await RequestTransaction.begin(handle.db.dataSource, 'u1', log);
    try {
      await tx.query('SET LOCAL enable_seqscan = off');
      const rows = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${statement.sql}`,
        statement.params as unknown[],
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      // The page stops at its LIMIT in the index's order; nothing reads all the owner's rows.
      const page = plan.split('SubPlan')[0]!;
      expect(page).toMatch(/Limit[^]*Index Scan using tasks_owner_created on tasks t/);
      expect(page).not.toContain('Sort');
      expect(plan).toMatch(/Scan using \w+ on projects p .*\n\s+Index Cond: .*id = t\.project_id/);
      expect(plan).toMatch(/Scan using \w+ on task_tags tt .*\n\s+Index Cond: .*task_id = t\.id/);
      expect(plan).not.toMatch(/Seq Scan|WindowAgg|CTE/);
    } finally {
      await tx.rollback();
    }
  });

  it('should count and filter by priority through the owner index', async () => {
    const plans = await plansOf(handle.db, 'u1', async (s) => {
      const list = s.tasks.list({
        filter: { priority: Priority.HIGH },
        order: { field: TaskOrderField.CREATED_AT, direction: SortDirection.ASC },
        first: 20,
      });
      await list.page();
      await list.totalCount();
    });
    for (const plan of plans) expect(plan).not.toContain('Seq Scan');
  });
});
