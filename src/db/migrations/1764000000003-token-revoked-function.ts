import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/**
 * The revocation check as a PL/pgSQL function: PL/pgSQL plans its statements once per
 * connection and reuses them, where the same SELECT sent as text (it rides in the
 * transaction's opening, on the simple protocol) is planned on every request. It runs as
 * the caller (SECURITY INVOKER), so row-level security applies to it as to the query it
 * replaces.
 */
export class TokenRevokedFunction1764000000003 implements MigrationInterface {
  name = 'TokenRevokedFunction1764000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION token_revoked(p_user varchar, p_token varchar, p_issued_at bigint)
      RETURNS boolean LANGUAGE plpgsql STABLE SECURITY INVOKER AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM revoked_tokens WHERE user_id = p_user AND token_id = p_token)
            OR EXISTS (SELECT 1 FROM token_cutoffs
                       WHERE user_id = p_user AND issued_at_or_before >= p_issued_at);
      END
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION token_revoked(varchar, varchar, bigint) FROM PUBLIC`);
    await db.query(
      `GRANT EXECUTE ON FUNCTION token_revoked(varchar, varchar, bigint) TO ${APP_ROLE}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS token_revoked(varchar, varchar, bigint)`);
  }
}
