import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/** The SQLSTATE refuse_revoked_token() raises: a class of its own, never one PostgreSQL uses. */
export const TOKEN_REVOKED_SQLSTATE = 'TAREV';

/**
 * A function that only raises: the revocation check of a pipelined opening calls it for a
 * revoked token, so the error aborts the transaction and every statement queued behind the
 * check fails unread (25P02) instead of reading the user's rows first.
 */
export class RefuseRevokedToken1764000000006 implements MigrationInterface {
  name = 'RefuseRevokedToken1764000000006';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION refuse_revoked_token() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION 'token revoked' USING ERRCODE = '${TOKEN_REVOKED_SQLSTATE}';
      END
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION refuse_revoked_token() FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION refuse_revoked_token() TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS refuse_revoked_token()`);
  }
}
