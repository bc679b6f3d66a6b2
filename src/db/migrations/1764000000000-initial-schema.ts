import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables, keys and indexes. Every per-user query is an index range scan on the owner column. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id varchar(255) PRIMARY KEY,
        email text,
        name text,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id varchar(255) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        description varchar(2000),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (owner_id, id)
      )`);
    await db.query(`CREATE INDEX projects_owner_created ON projects (owner_id, created_at, id)`);
    // The composite foreign keys make a cross-owner reference impossible even for a buggy
    // caller: a task can only point at a project (and a link at a tag) of its own owner.
    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id varchar(255) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        project_id uuid,
        title varchar(200) NOT NULL,
        description varchar(5000),
        completed boolean NOT NULL DEFAULT false,
        priority smallint NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 3),
        due_at timestamptz(3),
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (owner_id, id),
        FOREIGN KEY (owner_id, project_id) REFERENCES projects (owner_id, id) ON DELETE CASCADE
      )`);
    for (const [name, columns] of [
      ['tasks_owner_created', 'owner_id, created_at, id'],
      ['tasks_owner_updated', 'owner_id, updated_at, id'],
      // Tasks without a due date sort last in both directions, so each direction needs its own.
      ['tasks_owner_due', 'owner_id, due_at ASC NULLS LAST, id ASC'],
      ['tasks_owner_due_desc', 'owner_id, due_at DESC NULLS LAST, id DESC'],
      ['tasks_owner_priority', 'owner_id, priority, id'],
      ['tasks_owner_title', 'owner_id, title COLLATE "C", id'],
      ['tasks_owner_project_created', 'owner_id, project_id, created_at, id'],
    ]) {
      await db.query(`CREATE INDEX ${name} ON tasks (${columns})`);
    }
    await db.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id varchar(255) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name varchar(50) NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (owner_id, id),
        CONSTRAINT tags_owner_name_unique UNIQUE (owner_id, name)
      )`);
    await db.query(`
      CREATE TABLE task_tags (
        task_id uuid NOT NULL,
        tag_id uuid NOT NULL,
        owner_id varchar(255) NOT NULL,
        PRIMARY KEY (task_id, tag_id),
        FOREIGN KEY (owner_id, task_id) REFERENCES tasks (owner_id, id) ON DELETE CASCADE,
        FOREIGN KEY (owner_id, tag_id) REFERENCES tags (owner_id, id) ON DELETE CASCADE
      )`);
    await db.query(`CREATE INDEX task_tags_owner_tag ON task_tags (owner_id, tag_id, task_id)`);
    await db.query(`CREATE INDEX task_tags_owner_task ON task_tags (owner_id, task_id)`);
    // Revocations: by token id until the token expires, and a per-user "issued at or before".
    await db.query(`
      CREATE TABLE revoked_tokens (
        user_id varchar(255) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_id varchar(255) NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, token_id)
      )`);
    await db.query(`CREATE INDEX revoked_tokens_expires ON revoked_tokens (expires_at)`);
    await db.query(`
      CREATE TABLE token_cutoffs (
        user_id varchar(255) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        issued_at_or_before bigint NOT NULL
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'token_cutoffs',
      'revoked_tokens',
      'task_tags',
      'tags',
      'tasks',
      'projects',
      'users',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
