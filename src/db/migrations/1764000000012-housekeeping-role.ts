import type { MigrationInterface, QueryRunner } from 'typeorm';
import { HOUSEKEEPING_ROLE } from '../housekeeping-role';

/**
 * Housekeeping gets a role of its own. Run as the connecting owner, the purge of expired
 * revocations depended on who that owner is: a superuser or BYPASSRLS role skipped the
 * policies, but an owner under FORCE ROW LEVEL SECURITY without BYPASSRLS had its WHERE
 * clause bring the owner-isolation SELECT policy in, saw no rows and purged nothing, so the
 * table grew without bound. The purge role may see and delete expired revocations only.
 */
export class HousekeepingRole1764000000012 implements MigrationInterface {
  name = 'HousekeepingRole1764000000012';

  async up(db: QueryRunner): Promise<void> {
    // Roles are cluster-wide: several databases (or parallel test runs) may race to create it.
    await db.query(`
      DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${HOUSEKEEPING_ROLE}') THEN
          BEGIN
            CREATE ROLE ${HOUSEKEEPING_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
          EXCEPTION WHEN OTHERS THEN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${HOUSEKEEPING_ROLE}') THEN RAISE; END IF;
          END;
        END IF;
        -- A non-superuser owner must be a member to SET ROLE to it.
        IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
           AND NOT pg_has_role(current_user, '${HOUSEKEEPING_ROLE}', 'MEMBER') THEN
          IF current_setting('server_version_num')::int >= 160000 THEN
            EXECUTE format('GRANT ${HOUSEKEEPING_ROLE} TO %I WITH INHERIT FALSE, SET TRUE', current_user);
          ELSE
            EXECUTE format('GRANT ${HOUSEKEEPING_ROLE} TO %I', current_user);
          END IF;
        END IF;
      END $$`);
    await db.query(`GRANT USAGE ON SCHEMA public TO ${HOUSEKEEPING_ROLE}`);
    // SELECT too: a DELETE's WHERE clause reads the rows it tests.
    await db.query(`GRANT SELECT, DELETE ON revoked_tokens, dpop_proofs TO ${HOUSEKEEPING_ROLE}`);
    // The purge policy was for every role; only housekeeping needs it.
    await db.query(`DROP POLICY revoked_tokens_purge_expired ON revoked_tokens`);
    await db.query(`
      CREATE POLICY revoked_tokens_purge_expired ON revoked_tokens
        FOR DELETE TO ${HOUSEKEEPING_ROLE} USING (expires_at < now())`);
    await db.query(`
      CREATE POLICY revoked_tokens_expired_visible ON revoked_tokens
        FOR SELECT TO ${HOUSEKEEPING_ROLE} USING (expires_at < now())`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP POLICY IF EXISTS revoked_tokens_expired_visible ON revoked_tokens`);
    await db.query(`DROP POLICY IF EXISTS revoked_tokens_purge_expired ON revoked_tokens`);
    await db.query(`
      CREATE POLICY revoked_tokens_purge_expired ON revoked_tokens
        FOR DELETE USING (expires_at < now())`);
    await db.query(`REVOKE ALL ON revoked_tokens, dpop_proofs FROM ${HOUSEKEEPING_ROLE}`);
    await db.query(`REVOKE USAGE ON SCHEMA public FROM ${HOUSEKEEPING_ROLE}`);
  }
}
