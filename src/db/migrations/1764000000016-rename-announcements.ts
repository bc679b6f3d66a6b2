import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TASK_CHANNEL } from '../notify-channels';

/**
 * A task's answer embeds its project's and its tags' names, so renaming either changes the
 * task as a live list shows it without touching the task row: announce each such task as
 * UPDATED, like deleting a tag does (1764000000007). Only when the name really changed, so
 * saving the same values stays silent.
 */
export class RenameAnnouncements1764000000016 implements MigrationInterface {
  name = 'RenameAnnouncements1764000000016';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION task_api_announce_tag_rename() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${TASK_CHANNEL}',
          json_build_array('U', t.owner_id, t.id, t.project_id, t.project_id)::text)
        FROM task_tags tt JOIN tasks t ON t.id = tt.task_id AND t.owner_id = tt.owner_id
        WHERE tt.tag_id = NEW.id AND tt.owner_id = NEW.owner_id
        ORDER BY t.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tags_announce_rename AFTER UPDATE OF name ON tags
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION task_api_announce_tag_rename()`);
    await db.query(`
      CREATE FUNCTION task_api_announce_project_rename() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${TASK_CHANNEL}',
          json_build_array('U', t.owner_id, t.id, t.project_id, t.project_id)::text)
        FROM tasks t
        WHERE t.project_id = NEW.id AND t.owner_id = NEW.owner_id
        ORDER BY t.id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER projects_announce_rename AFTER UPDATE OF name ON projects
        FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
        EXECUTE FUNCTION task_api_announce_project_rename()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS projects_announce_rename ON projects`);
    await db.query(`DROP TRIGGER IF EXISTS tags_announce_rename ON tags`);
    await db.query(`DROP FUNCTION IF EXISTS task_api_announce_project_rename()`);
    await db.query(`DROP FUNCTION IF EXISTS task_api_announce_tag_rename()`);
  }
}
