import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, USER_SETTING } from '../app-role';

const CURRENT_USER_ID = `current_setting('${USER_SETTING}', true)`;

/** Table → the column that names its owner. */
const OWNER_COLUMN: Record<string, string> = {
  users: 'id',
  projects: 'owner_id',
  tasks: 'owner_id',
  tags: 'owner_id',
  task_tags: 'owner_id',
  revoked_tokens: 'user_id',
  token_cutoffs: 'user_id',
};

const GRANTS: Record<string, string> = {
  users: 'SELECT, INSERT, UPDATE',
  projects: 'SELECT, INSERT, UPDATE, DELETE',
  tasks: 'SELECT, INSERT, UPDATE, DELETE',
  tags: 'SELECT, INSERT, UPDATE, DELETE',
  task_tags: 'SELECT, INSERT, DELETE',
  revoked_tokens: 'SELECT, INSERT, UPDATE, DELETE',
  token_cutoffs: 'SELECT, INSERT, UPDATE',
};

/**
 * The second wall: whatever the application does, a statement run as the app role sees and
 * writes only rows whose owner is the transaction's user. FORCE makes it hold for the
 * tables' owner too, so only a superuser or a BYPASSRLS role could get past it.
 */
export class RowLevelSecurity1764000000001 implements MigrationInterface {
  name = 'RowLevelSecurity1764000000001';

  async up(db: QueryRunner): Promise<void> {
    // Roles are cluster-wide: several databases (or parallel test runs) may race to create it.
    await db.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          BEGIN
            CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
          EXCEPTION WHEN OTHERS THEN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN RAISE; END IF;
          END;
        END IF;
        -- A non-superuser (Neon's owner role, say) must be a member to SET ROLE to it.
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
          IF current_setting('server_version_num')::int >= 160000 THEN
            EXECUTE format('GRANT ${APP_ROLE} TO %I WITH INHERIT FALSE, SET TRUE', current_user);
          ELSE
            EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
          END IF;
        END IF;
      END $$`);
    await db.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    for (const [table, column] of Object.entries(OWNER_COLUMN)) {
      await db.query(`GRANT ${GRANTS[table]} ON ${table} TO ${APP_ROLE}`);
      await db.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await db.query(`
        CREATE POLICY ${table}_owner_isolation ON ${table}
          USING (${column} = ${CURRENT_USER_ID})
          WITH CHECK (${column} = ${CURRENT_USER_ID})`);
    }
    // Purging expired revocations is housekeeping any instance may do: an expired entry
    // guards nothing, and deleting it reveals nothing.
    await db.query(`
      CREATE POLICY revoked_tokens_purge_expired ON revoked_tokens
        FOR DELETE USING (expires_at < now())`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY IF EXISTS revoked_tokens_purge_expired ON revoked_tokens`);
    for (const table of Object.keys(OWNER_COLUMN)) {
      await db.query(`DROP POLICY IF EXISTS ${table}_owner_isolation ON ${table}`);
      await db.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      await db.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      await db.query(`REVOKE ALL ON ${table} FROM ${APP_ROLE}`);
    }
  }
}
