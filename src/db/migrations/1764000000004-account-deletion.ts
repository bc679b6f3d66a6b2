import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, USER_SETTING } from '../app-role';

const digest = (id: string) => `encode(sha256(convert_to(${id}, 'UTF8')), 'hex')`;

/**
 * Account deletion. Erasing the user's rows also erases their cutoff (its foreign key
 * cascades), so a deleted account is remembered apart: by a digest of its id, never the id,
 * with the second up to which its tokens were issued. The revocation check refuses those.
 */
export class AccountDeletion1764000000004 implements MigrationInterface {
  name = 'AccountDeletion1764000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE deleted_accounts (
        subject_digest char(64) PRIMARY KEY,
        issued_at_or_before bigint NOT NULL
      )`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON deleted_accounts TO ${APP_ROLE}`);
    await db.query(`GRANT DELETE ON users, token_cutoffs TO ${APP_ROLE}`);
    await db.query(`ALTER TABLE deleted_accounts ENABLE ROW LEVEL SECURITY`);
    await db.query(`ALTER TABLE deleted_accounts FORCE ROW LEVEL SECURITY`);
    const own = `subject_digest = ${digest(`current_setting('${USER_SETTING}', true)`)}`;
    await db.query(`
      CREATE POLICY deleted_accounts_owner_isolation ON deleted_accounts
        USING (${own}) WITH CHECK (${own})`);
    await db.query(`
      CREATE OR REPLACE FUNCTION token_revoked(p_user varchar, p_token varchar, p_issued_at bigint)
      RETURNS boolean LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM revoked_tokens WHERE user_id = p_user AND token_id = p_token)
            OR EXISTS (SELECT 1 FROM token_cutoffs
                       WHERE user_id = p_user AND issued_at_or_before >= p_issued_at)
            OR EXISTS (SELECT 1 FROM deleted_accounts
                       WHERE subject_digest = ${digest('p_user')}
                         AND issued_at_or_before >= p_issued_at);
      END
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION token_revoked(p_user varchar, p_token varchar, p_issued_at bigint)
      RETURNS boolean LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM revoked_tokens WHERE user_id = p_user AND token_id = p_token)
            OR EXISTS (SELECT 1 FROM token_cutoffs
                       WHERE user_id = p_user AND issued_at_or_before >= p_issued_at);
      END
      $$`);
    await db.query(`REVOKE DELETE ON users, token_cutoffs FROM ${APP_ROLE}`);
    await db.query(`DROP TABLE IF EXISTS deleted_accounts`);
  }
}
