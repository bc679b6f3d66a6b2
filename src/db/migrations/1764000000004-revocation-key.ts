import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/**
 * A token without `jti` is now revoked by a hash of its signed part (auth/revocation-key.ts)
 * instead of its whole text, which a re-spelled signature changed. The check takes the
 * old key too, so logouts recorded before this release still hold; the three-argument
 * function stays for instances of the previous release during a rolling deploy.
 */
export class RevocationKey1764000000004 implements MigrationInterface {
  name = 'RevocationKey1764000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION token_revoked(
        p_user varchar, p_token varchar, p_issued_at bigint, p_legacy_token varchar
      )
      RETURNS boolean LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM revoked_tokens
                       WHERE user_id = p_user AND token_id IN (p_token, p_legacy_token))
            OR EXISTS (SELECT 1 FROM token_cutoffs
                       WHERE user_id = p_user AND issued_at_or_before >= p_issued_at);
      END
      $$`);
    const signature = 'token_revoked(varchar, varchar, bigint, varchar)';
    await db.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS token_revoked(varchar, varchar, bigint, varchar)`);
  }
}
