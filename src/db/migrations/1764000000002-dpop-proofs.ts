import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seen DPoP proof ids, shared by every instance. Holds only hashes of (key, jti): no user
 * data, so it is not owner-scoped; it is written outside request transactions.
 */
export class DpopProofs1764000000002 implements MigrationInterface {
  name = 'DpopProofs1764000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dpop_proofs (
        key varchar(64) PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX dpop_proofs_expires ON dpop_proofs (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS dpop_proofs`);
  }
}
