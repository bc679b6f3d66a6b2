import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * projects(orderBy:) pages by updated_at and by name (byte order) as well as created_at:
 * each needs an index led by the owner, so a page is a range scan in either direction.
 */
export class ProjectOrderIndexes1764000000015 implements MigrationInterface {
  name = 'ProjectOrderIndexes1764000000015';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX projects_owner_updated ON projects (owner_id, updated_at, id)`);
    await db.query(`CREATE INDEX projects_owner_name ON projects (owner_id, name COLLATE "C", id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX projects_owner_name`);
    await db.query(`DROP INDEX projects_owner_updated`);
  }
}
