import type { DataSource } from 'typeorm';
import { PROJECTS_PER_USER, TAGS_PER_USER, TASKS_PER_USER } from './seed-ids';

/** Users per transaction: big enough to be fast, small enough that an interrupted run keeps most. */
const CHUNK = 5000;

const UID = `'bench-' || lpad(u::text, 6, '0')`;

/**
 * One chunk of users [$1, $2] and everything they own, as set-based INSERT … SELECT over
 * generate_series. Ids are md5 of a name (see seed-ids.ts), strings end with the owner.
 */
const CHUNK_STATEMENTS = [
  `INSERT INTO users (id, created_at)
   SELECT ${UID}, timestamptz '2025-01-01 00:00:00+00' FROM generate_series($1::int, $2::int) u`,
  `INSERT INTO projects (id, owner_id, name, created_at, updated_at)
   SELECT md5('project:' || u || ':' || p)::uuid, ${UID}, 'project ' || p || ' of ' || ${UID},
          timestamptz '2025-01-01 00:00:00+00' + p * interval '1 second',
          timestamptz '2025-01-01 00:00:00+00' + p * interval '1 second'
   FROM generate_series($1::int, $2::int) u, generate_series(1, ${PROJECTS_PER_USER}) p`,
  `INSERT INTO tags (id, owner_id, name, created_at)
   SELECT md5('tag:' || u || ':' || g)::uuid, ${UID}, 'tag ' || g || ' of ' || ${UID},
          timestamptz '2025-01-01 00:00:00+00'
   FROM generate_series($1::int, $2::int) u, generate_series(1, ${TAGS_PER_USER}) g`,
  // Every tenth task has no project, every fourth no due date; a spread of priorities.
  `INSERT INTO tasks (id, owner_id, project_id, title, completed, priority, due_at, created_at, updated_at)
   SELECT md5('task:' || u || ':' || t)::uuid, ${UID},
          CASE WHEN t % 10 = 0 THEN NULL
               ELSE md5('project:' || u || ':' || (t % ${PROJECTS_PER_USER} + 1))::uuid END,
          'task ' || t || ' of ' || ${UID}, t % 3 = 0, t % 4,
          CASE WHEN t % 4 = 0 THEN NULL
               ELSE timestamptz '2030-01-01 00:00:00+00' + ((u * 37 + t * 101) % 100000) * interval '1 minute' END,
          timestamptz '2025-01-01 00:00:00+00' + t * interval '1 second',
          timestamptz '2025-01-01 00:00:00+00' + t * interval '1 second'
   FROM generate_series($1::int, $2::int) u, generate_series(1, ${TASKS_PER_USER}) t`,
  // Odd tasks carry one tag, every fifth a second one: about 14 links a user.
  `INSERT INTO task_tags (task_id, tag_id, owner_id)
   SELECT md5('task:' || u || ':' || t)::uuid, md5('tag:' || u || ':' || g)::uuid, ${UID}
   FROM generate_series($1::int, $2::int) u, generate_series(1, ${TASKS_PER_USER}) t,
        LATERAL (VALUES (t % ${TAGS_PER_USER} + 1), (CASE WHEN t % 5 = 0 THEN (t + 1) % ${TAGS_PER_USER} + 1 END)) AS links(g)
   WHERE g IS NOT NULL AND (t % 2 = 1 OR t % 5 = 0)`,
];

export interface SeedReport {
  readonly existing: number;
  readonly seeded: number;
  readonly seconds: number;
}

/**
 * Makes users 1..`users` exist with their projects, tasks, tags and links, as the
 * connection's own role, below the application (a superuser: RLS and the foreign-key
 * triggers are skipped, the rows are consistent by construction). Seeds only what is
 * missing, so a second run costs one count; tasks the mix created last time are deleted.
 */
export async function seed(
  dataSource: DataSource,
  users: number,
  progress: (line: string) => void,
): Promise<SeedReport> {
  const started = Date.now();
  const [{ existing }] = (await dataSource.query(
    `SELECT count(*)::int AS existing FROM users WHERE id LIKE 'bench-%'`,
  )) as [{ existing: number }];
  const [{ superuser }] = (await dataSource.query(
    'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
  )) as [{ superuser: boolean }];
  if (!superuser) {
    throw new Error('The bench seeds as a superuser (below RLS): use such a DATABASE_URL.');
  }
  for (let from = existing + 1; from <= users; from += CHUNK) {
    const to = Math.min(users, from + CHUNK - 1);
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Seeding data, not serving it: no waiting on the WAL flush, no per-row FK triggers.
      await runner.query('SET LOCAL synchronous_commit = off');
      await runner.query('SET LOCAL session_replication_role = replica');
      for (const sql of CHUNK_STATEMENTS) await runner.query(sql, [from, to]);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
    progress(
      `seeded users ${from}-${to} of ${users} (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  }
  await dataSource.query(`DELETE FROM tasks WHERE title LIKE 'new task of bench-%'`);
  if (existing < users) await dataSource.query('ANALYZE');
  return {
    existing,
    seeded: Math.max(0, users - existing),
    seconds: (Date.now() - started) / 1000,
  };
}
