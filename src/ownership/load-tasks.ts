import type { SelectQueryBuilder } from 'typeorm';
import type { RequestScope } from '../db/request-scope';
import type { TaskEntity } from '../entities/task.entity';
import { assertOwnedBy } from './ownership-violation';
import type { ProjectStore } from './project.store';
import type { TagStore } from './tag.store';
import { addPrefetch, readPrefetch, type TaskPrefetch } from './task-prefetch';

/** Where prefetched relations go, and whose they must be. */
export interface PrefetchTargets {
  readonly requestScope: RequestScope;
  readonly projects: ProjectStore;
  readonly tags: TagStore;
}

/** Runs a task query; prefetched relations go into the project and tag loaders' caches. */
export async function loadTasks(
  qb: SelectQueryBuilder<TaskEntity>,
  alias: string,
  prefetch: TaskPrefetch,
  targets: PrefetchTargets,
): Promise<TaskEntity[]> {
  if (!prefetch.project && !prefetch.tags) return qb.getMany();
  addPrefetch(qb, alias, prefetch);
  const { entities, raw } = await qb.getRawAndEntities();
  const rows = new Map((raw as Record<string, unknown>[]).map((row) => [row[`${alias}_id`], row]));
  const { requestScope, projects, tags: tagStore } = targets;
  for (const task of entities) {
    const row = rows.get(task.id);
    if (!row) continue;
    const { project, tags } = readPrefetch(row);
    // The same backstop as OwnerSubscriber.afterLoad, which never sees these rows.
    if (project) {
      assertOwnedBy(requestScope, 'projects', project.ownerId);
      projects.prime(project);
    }
    if (tags) {
      for (const tag of tags) assertOwnedBy(requestScope, 'tags', tag.ownerId);
      tagStore.primeTask(task.id, tags);
    }
  }
  return entities;
}
