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
    // One function for both tables; each finds its tasks by its own index.
    await db.query(`
      CREATE FUNCTION task_api_announce_rename() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        task_ids uuid[];
      BEGIN
        IF TG_TABLE_NAME = 'projects' THEN
          SELECT array_agg(t.id ORDER BY t.id) INTO task_ids FROM tasks t
            WHERE t.owner_id = NEW.owner_id AND t.project_id = NEW.id;
        ELSE
          SELECT array_agg(tt.task_id ORDER BY tt.task_id) INTO task_ids FROM task_tags tt
            WHERE tt.owner_id = NEW.owner_id AND tt.tag_id = NEW.id;
        END IF;
        PERFORM pg_notify('${TASK_CHANNEL}',
          json_build_array('U', t.owner_id, t.id, t.project_id, t.project_id)::text)
        FROM tasks t
        WHERE t.owner_id = NEW.owner_id AND t.id = ANY (coalesce(task_ids, '{}'))
        ORDER BY t.id;
        RETURN NULL;
      END $$`);
    for (const table of ['projects', 'tags']) {
      await db.query(`
        CREATE TRIGGER ${table}_announce_rename AFTER UPDATE OF name ON ${table}
          FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
          EXECUTE FUNCTION task_api_announce_rename()`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS projects_announce_rename ON projects`);
    await db.query(`DROP TRIGGER IF EXISTS tags_announce_rename ON tags`);
    await db.query(`DROP FUNCTION IF EXISTS task_api_announce_rename()`);
  }
}
