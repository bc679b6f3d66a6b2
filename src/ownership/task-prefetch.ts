import type { SelectQueryBuilder } from 'typeorm';
import { ProjectEntity } from '../entities/project.entity';
import { TagEntity } from '../entities/tag.entity';
import type { TaskEntity } from '../entities/task.entity';

/** Which of each task's relations the answer will ask for, read in the tasks' own statement. */
export interface TaskPrefetch {
  readonly project?: boolean;
  readonly tags?: boolean;
}

/** A task's relations as its statement found them; each owner is checked before use. */
export interface PrefetchedRelations {
  readonly project?: ProjectEntity | null;
  readonly tags?: TagEntity[];
}

const PROJECT_COLUMN = 'prefetch_project';
const TAGS_COLUMN = 'prefetch_tags';

/**
 * Adds each task's project and tags to the tasks' own statement as JSON columns, so a page
 * with its relations is one round trip instead of three. The relations are joined on the
 * task's owner as well as its keys (like the composite foreign keys), and row-level
 * security applies to them as to any read.
 */
export function addPrefetch(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  prefetch: TaskPrefetch,
): void {
  if (prefetch.project) {
    qb.addSelect(
      `(SELECT json_build_object('id', p.id, 'ownerId', p.owner_id, 'name', p.name,
          'description', p.description, 'createdAt', p.created_at, 'updatedAt', p.updated_at)
        FROM projects p WHERE p.id = ${alias}.project_id AND p.owner_id = ${alias}.owner_id)`,
      PROJECT_COLUMN,
    );
  }
  if (prefetch.tags) {
    // The order of TagStore's own loader: by name, then id.
    qb.addSelect(
      `(SELECT coalesce(json_agg(json_build_object('id', g.id, 'ownerId', g.owner_id,
          'name', g.name, 'createdAt', g.created_at) ORDER BY g.name, g.id), '[]'::json)
        FROM task_tags tt JOIN tags g ON g.id = tt.tag_id AND g.owner_id = tt.owner_id
        WHERE tt.task_id = ${alias}.id AND tt.owner_id = ${alias}.owner_id)`,
      TAGS_COLUMN,
    );
  }
}

interface ProjectJson {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

interface TagJson {
  id: string;
  ownerId: string;
  name: string;
  createdAt: string;
}

function toProject(json: ProjectJson): ProjectEntity {
  return Object.assign(new ProjectEntity(), {
    id: json.id,
    ownerId: json.ownerId,
    name: json.name,
    description: json.description,
    createdAt: new Date(json.createdAt),
    updatedAt: new Date(json.updatedAt),
  });
}

function toTag(json: TagJson): TagEntity {
  return Object.assign(new TagEntity(), {
    id: json.id,
    ownerId: json.ownerId,
    name: json.name,
    createdAt: new Date(json.createdAt),
  });
}

/** The relations one raw row of an addPrefetch statement carries. */
export function readPrefetch(raw: Record<string, unknown>): PrefetchedRelations {
  const relations: { project?: ProjectEntity | null; tags?: TagEntity[] } = {};
  if (PROJECT_COLUMN in raw) {
    const project = raw[PROJECT_COLUMN] as ProjectJson | null;
    relations.project = project ? toProject(project) : null;
  }
  if (TAGS_COLUMN in raw) {
    relations.tags = (raw[TAGS_COLUMN] as TagJson[]).map(toTag);
  }
  return relations;
}
