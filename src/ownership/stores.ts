import type { Viewer } from '../auth/viewer';
import type { RequestTransaction } from '../db/request-transaction';
import { OwnerScope } from './owner-scope';
import { ProjectStore } from './project.store';
import { TagStore } from './tag.store';
import { TaskStore } from './task.store';
import { UserStore } from './user.store';

export interface Stores {
  readonly users: UserStore;
  readonly projects: ProjectStore;
  readonly tags: TagStore;
  readonly tasks: TaskStore;
}

/** Built per request, so loaders and their caches never outlive or cross a request. */
export function createStores(tx: RequestTransaction, viewer: Viewer, ownerFilter = true): Stores {
  const scope = new OwnerScope(viewer.id, ownerFilter);
  const users = new UserStore(tx, viewer);
  const projects = new ProjectStore(tx, scope, users);
  const tags = new TagStore(tx, scope, users);
  const tasks = new TaskStore(tx, scope, users, projects, tags);
  return { users, projects, tags, tasks };
}
