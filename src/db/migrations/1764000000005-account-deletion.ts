import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE, USER_SETTING } from '../app-role';

const digest = (id: string) => `encode(sha256(convert_to(${id}, 'UTF8')), 'hex')`;

/** token_revoked in both its signatures, refusing deleted accounts' tokens or not. */
function revokedFunctions(deletedAccounts: boolean): string[] {
  const deleted = deletedAccounts
    ? `OR EXISTS (SELECT 1 FROM deleted_accounts
                   WHERE subject_digest = ${digest('p_user')}
                     AND issued_at_or_before >= p_issued_at)`
    : '';
  const cutoff = `EXISTS (SELECT 1 FROM token_cutoffs
                   WHERE user_id = p_user AND issued_at_or_before >= p_issued_at)`;
  return [
    `CREATE OR REPLACE FUNCTION token_revoked(p_user varchar, p_token varchar, p_issued_at bigint)
    RETURNS boolean LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
    BEGIN
      RETURN EXISTS (SELECT 1 FROM revoked_tokens WHERE user_id = p_user AND token_id = p_token)
          OR ${cutoff} ${deleted};
    END
    $$`,
    `CREATE OR REPLACE FUNCTION token_revoked(
      p_user varchar, p_token varchar, p_issued_at bigint, p_legacy_token varchar
    )
    RETURNS boolean LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
    BEGIN
      RETURN EXISTS (SELECT 1 FROM revoked_tokens
                     WHERE user_id = p_user AND token_id IN (p_token, p_legacy_token))
          OR ${cutoff} ${deleted};
    END
    $$`,
  ];
}

/**
 * Account deletion. Erasing the user's rows also erases their cutoff (its foreign key
 * cascades), so a deleted account is remembered apart: by a digest of its id, never the id,
 * with the second up to which its tokens were issued. The revocation check refuses those.
 */
export class AccountDeletion1764000000005 implements MigrationInterface {
  name = 'AccountDeletion1764000000005';

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
    // Both signatures: the four-argument one this release calls, the three-argument one that
    // instances of the previous release still call during a rolling deploy.
    for (const sql of revokedFunctions(true)) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of revokedFunctions(false)) await db.query(sql);
    await db.query(`REVOKE DELETE ON users, token_cutoffs FROM ${APP_ROLE}`);
    await db.query(`DROP TABLE IF EXISTS deleted_accounts`);
  }
}
