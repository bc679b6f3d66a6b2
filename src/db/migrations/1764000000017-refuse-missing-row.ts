import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/** The SQLSTATE refuse_missing_row() raises: a class of its own, never one PostgreSQL uses. */
export const MISSING_ROW_SQLSTATE = 'TAMIS';

/**
 * A function that only raises: a write's check of the rows it names calls it when one is
 * missing or another user's, so the refusal aborts the transaction at the database and the
 * COMMIT sent in the same message as the write rolls it back (ownership/references-check.ts).
 */
export class RefuseMissingRow1764000000017 implements MigrationInterface {
  name = 'RefuseMissingRow1764000000017';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION refuse_missing_row() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        RAISE EXCEPTION 'row not found' USING ERRCODE = '${MISSING_ROW_SQLSTATE}';
      END
      $$`);
    await db.query(`REVOKE ALL ON FUNCTION refuse_missing_row() FROM PUBLIC`);
    await db.query(`GRANT EXECUTE ON FUNCTION refuse_missing_row() TO ${APP_ROLE}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS refuse_missing_row()`);
  }
}
