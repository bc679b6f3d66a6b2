/** What each user owns, as the API must show it. Timestamps are the server's, as it answered. */
export type Priority = 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';

export interface ModelProject {
  readonly id: string;
  name: string;
  readonly createdAt: string;
}

export interface ModelTag {
  readonly id: string;
  readonly name: string;
}

export interface ModelTask {
  readonly id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: Priority;
  dueAt: string | null;
  projectId: string | null;
  tagIds: string[];
  readonly createdAt: string;
  updatedAt: string;
}

export interface ModelUser {
  projects: ModelProject[];
  tags: ModelTag[];
  tasks: ModelTask[];
}

export interface Model {
  readonly users: ModelUser[];
}

export function emptyModel(users: number): Model {
  return { users: Array.from({ length: users }, () => ({ projects: [], tags: [], tasks: [] })) };
}

/** A record picked by position among some user's: the actor's own, or another's. */
export interface Ref {
  /** 'self': the acting user; a number n: the user n places after the actor. */
  readonly owner: 'self' | number;
  readonly index: number;
}

/** What a Ref names at the moment: an id, and whether it is the actor's existing record. */
export interface Resolved {
  readonly id: string;
  readonly own: boolean;
}

/** An id that exists nowhere (a user with none of the kind asked for). */
function missingId(index: number): string {
  return `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

export function resolve(
  model: Model,
  actor: number,
  ref: Ref,
  kind: 'projects' | 'tags' | 'tasks',
): Resolved {
  const users = model.users.length;
  const owner = ref.owner === 'self' ? actor : (actor + ref.owner) % users;
  const list = model.users[owner]![kind];
  if (list.length === 0) return { id: missingId(ref.index), own: false };
  return { id: list[ref.index % list.length]!.id, own: owner === actor };
}

const RANK: Record<Priority, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, URGENT: 3 };

export type OrderField = 'CREATED_AT' | 'UPDATED_AT' | 'DUE_AT' | 'PRIORITY' | 'TITLE';
export interface Order {
  readonly field: OrderField;
  readonly direction: 'ASC' | 'DESC';
}

const cmp = (x: string | number, y: string | number) => (x < y ? -1 : x > y ? 1 : 0);

/** The documented order: the field, then id, in one direction; tasks with no due date last. */
export function compareTasks(order: Order): (x: ModelTask, y: ModelTask) => number {
  const dir = order.direction === 'DESC' ? -1 : 1;
  return (x, y) => {
    let c = 0;
    switch (order.field) {
      case 'CREATED_AT':
        c = cmp(x.createdAt, y.createdAt);
        break;
      case 'UPDATED_AT':
        c = cmp(x.updatedAt, y.updatedAt);
        break;
      case 'PRIORITY':
        c = RANK[x.priority] - RANK[y.priority];
        break;
      case 'TITLE':
        c = cmp(x.title, y.title);
        break;
      case 'DUE_AT':
        if (x.dueAt === null && y.dueAt !== null) return 1;
        if (x.dueAt !== null && y.dueAt === null) return -1;
        c = x.dueAt === null ? 0 : cmp(x.dueAt, y.dueAt!);
        break;
    }
    return c !== 0 ? dir * c : dir * cmp(x.id, y.id);
  };
}

export interface TaskFilter {
  readonly completed?: boolean;
  readonly priority?: Priority;
  readonly projectId?: string;
  readonly tagId?: string;
  readonly search?: string;
  readonly dueBefore?: string;
  readonly dueAfter?: string;
}

export function matchesFilter(task: ModelTask, filter: TaskFilter): boolean {
  const search = filter.search?.toLowerCase();
  return (
    (filter.completed === undefined || task.completed === filter.completed) &&
    (filter.priority === undefined || task.priority === filter.priority) &&
    (filter.projectId === undefined || task.projectId === filter.projectId) &&
    (filter.tagId === undefined || task.tagIds.includes(filter.tagId)) &&
    (search === undefined ||
      task.title.toLowerCase().includes(search) ||
      (task.description ?? '').toLowerCase().includes(search)) &&
    (filter.dueBefore === undefined || (task.dueAt !== null && task.dueAt < filter.dueBefore)) &&
    (filter.dueAfter === undefined || (task.dueAt !== null && task.dueAt > filter.dueAfter))
  );
}

/** A task as the API answers it with TASK_FIELDS: tags by name, then id. */
export function expectedTask(user: ModelUser, task: ModelTask) {
  const tags = task.tagIds
    .map((id) => user.tags.find((tag) => tag.id === id)!)
    .sort((x, y) => cmp(x.name, y.name) || cmp(x.id, y.id));
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    completed: task.completed,
    priority: task.priority,
    dueAt: task.dueAt,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    project: task.projectId === null ? null : { id: task.projectId },
    tags: tags.map((tag) => ({ id: tag.id })),
  };
}

export const TASK_FIELDS =
  'id title description completed priority dueAt createdAt updatedAt project { id } tags { id }';

export const byCreation = compareTasks({ field: 'CREATED_AT', direction: 'ASC' });
