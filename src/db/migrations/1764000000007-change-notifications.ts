import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REVOCATION_CHANNEL, TASK_CHANNEL } from '../notify-channels';

/**
 * Writes announce what changed from inside their own transaction: PostgreSQL delivers a
 * NOTIFY only at commit, in commit order, and drops it on rollback, so a subscriber never
 * hears of a change that was not stored. Triggers rather than application code, so every
 * write path (cascades included) announces. Payloads are ids only; each subscriber reads the
 * row itself, as its own user under row-level security. The functions run as the caller.
 */
export class ChangeNotifications1764000000007 implements MigrationInterface {
  name = 'ChangeNotifications1764000000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION task_api_announce_task() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM pg_notify('${TASK_CHANNEL}',
            json_build_array('C', NEW.owner_id, NEW.id, NULL, NEW.project_id)::text);
        ELSIF TG_OP = 'UPDATE' THEN
          PERFORM pg_notify('${TASK_CHANNEL}',
            json_build_array('U', NEW.owner_id, NEW.id, OLD.project_id, NEW.project_id)::text);
        ELSE
          PERFORM pg_notify('${TASK_CHANNEL}',
            json_build_array('D', OLD.owner_id, OLD.id, OLD.project_id, NULL)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER tasks_announce AFTER INSERT OR UPDATE OR DELETE ON tasks
        FOR EACH ROW EXECUTE FUNCTION task_api_announce_task()`);
    // Deleting a tag changes its tasks' tags without touching the task rows: BEFORE, while
    // the links still exist (the cascade removes them after).
    await db.query(`
      CREATE FUNCTION task_api_announce_tag_removal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${TASK_CHANNEL}',
          json_build_array('U', t.owner_id, t.id, t.project_id, t.project_id)::text)
        FROM task_tags tt JOIN tasks t ON t.id = tt.task_id AND t.owner_id = tt.owner_id
        WHERE tt.tag_id = OLD.id AND tt.owner_id = OLD.owner_id
        ORDER BY t.id;
        RETURN OLD;
      END $$`);
    await db.query(`
      CREATE TRIGGER tags_announce_removal BEFORE DELETE ON tags
        FOR EACH ROW EXECUTE FUNCTION task_api_announce_tag_removal()`);
    await db.query(`
      CREATE FUNCTION task_api_announce_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'revoked_tokens' THEN
          PERFORM pg_notify('${REVOCATION_CHANNEL}',
            json_build_array('token', NEW.user_id, NEW.token_id)::text);
        ELSE
          PERFORM pg_notify('${REVOCATION_CHANNEL}',
            json_build_array('cutoff', NEW.user_id, NEW.issued_at_or_before)::text);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER revoked_tokens_announce AFTER INSERT ON revoked_tokens
        FOR EACH ROW EXECUTE FUNCTION task_api_announce_revocation()`);
    await db.query(`
      CREATE TRIGGER token_cutoffs_announce AFTER INSERT OR UPDATE ON token_cutoffs
        FOR EACH ROW EXECUTE FUNCTION task_api_announce_revocation()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER IF EXISTS token_cutoffs_announce ON token_cutoffs`);
    await db.query(`DROP TRIGGER IF EXISTS revoked_tokens_announce ON revoked_tokens`);
    await db.query(`DROP TRIGGER IF EXISTS tags_announce_removal ON tags`);
    await db.query(`DROP TRIGGER IF EXISTS tasks_announce ON tasks`);
    await db.query(`DROP FUNCTION IF EXISTS task_api_announce_revocation()`);
    await db.query(`DROP FUNCTION IF EXISTS task_api_announce_tag_removal()`);
    await db.query(`DROP FUNCTION IF EXISTS task_api_announce_task()`);
  }
}
