import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { SelectQueryBuilder } from 'typeorm';
import type { Priority } from '../domain/priority';
import type { RequestTransaction } from '../db/request-transaction';
import { TaskTagEntity } from '../entities/task-tag.entity';
import { TaskEntity } from '../entities/task.entity';
import { NotFoundError } from '../errors/errors';
import type { ConnectionSource } from '../pagination/page';
import { isId } from '../validation/ids';
import { allInOrder } from './all-in-order';
import { byIdBatch } from './by-id-batch';
import { definedOnly } from './defined-only';
import { loadTasks, type PrefetchTargets } from './load-tasks';
import type { OwnerScope } from './owner-scope';
import type { ProjectStore } from './project.store';
import type { TagStore } from './tag.store';
import type { TaskPrefetch } from './task-prefetch';
import { TaskPages, type TaskListArgs, type TaskParent } from './task-pages';
import type { UserStore } from './user.store';

export interface TaskValues {
  readonly title: string;
  readonly description: string | null;
  readonly priority: Priority;
  readonly dueAt: Date | null;
  readonly projectId: string | null;
  readonly tagIds: readonly string[];
}

export interface TaskChanges {
  readonly title?: string;
  readonly description?: string | null;
  readonly completed?: boolean;
  readonly priority?: Priority;
  readonly dueAt?: Date | null;
  readonly projectId?: string | null;
  readonly tagIds?: readonly string[];
}

/** The viewer's tasks, and nobody else's: every read and write adds the owner condition. */
export class TaskStore {
  private readonly byId: DataLoader<string, TaskEntity | null>;
  /** By id with relations read along (task-prefetch.ts), one loader per set of relations. */
  private readonly byIdWith = new Map<string, DataLoader<string, TaskEntity | null>>();
  /** Lists and counts: task-pages.ts. */
  private readonly pages: TaskPages;
  private readonly targets: PrefetchTargets;

  constructor(
    private readonly tx: RequestTransaction,
    private readonly scope: OwnerScope,
    private readonly users: UserStore,
    private readonly projects: ProjectStore,
    private readonly tags: TagStore,
  ) {
    this.byId = new DataLoader(byIdBatch(() => this.query(), 't'));
    this.pages = new TaskPages(tx, scope, projects, tags);
    this.targets = { requestScope: tx.requestScope, projects, tags };
  }

  private query(alias = 't'): SelectQueryBuilder<TaskEntity> {
    return this.scope.apply(this.tx.manager.createQueryBuilder(TaskEntity, alias), alias);
  }

  /** null for a missing id, a malformed one, and someone else's alike. */
  async find(id: string, prefetch: TaskPrefetch = {}): Promise<TaskEntity | null> {
    if (!isId(id)) return null;
    const key = id.toLowerCase();
    if (!prefetch.project && !prefetch.tags) return this.byId.load(key);
    const shape = `${prefetch.project === true}|${prefetch.tags === true}`;
    let loader = this.byIdWith.get(shape);
    if (!loader) {
      loader = new DataLoader(
        byIdBatch(
          () => this.query(),
          't',
          (qb) => loadTasks(qb, 't', prefetch, this.targets),
        ),
      );
      this.byIdWith.set(shape, loader);
    }
    // Later reads by id (a mutation's get, say) go through the plain loader: prime it too.
    const task = await loader.load(key);
    if (task) this.byId.prime(key, task);
    return task;
  }

  async get(id: string): Promise<TaskEntity> {
    const task = await this.find(id);
    if (!task) throw new NotFoundError();
    return task;
  }

  /**
   * The viewer's tasks, filtered and ordered, one page at a time; with `prefetch`, each
   * task's project and tags come in the same statement (see task-prefetch.ts).
   */
  list(args: TaskListArgs, prefetch: TaskPrefetch = {}): ConnectionSource<TaskEntity> {
    return this.pages.list(args, prefetch);
  }

  /** Tasks of one project or tag; the lists of all parents in a response load together. */
  listUnder(
    parent: TaskParent,
    parentId: string,
    args: TaskListArgs,
  ): ConnectionSource<TaskEntity> {
    return this.pages.listUnder(parent, parentId, args);
  }

  /** A changed or deleted task: no loader may answer its old row again in this request. */
  private forget(id: string): void {
    this.byId.clear(id);
    for (const loader of this.byIdWith.values()) loader.clear(id);
  }

  /** Writes check every referenced project and tag is the caller's, inside the transaction. */
  /**
   * Statements that do not depend on each other leave together (allInOrder): the checks, then
   * the task, then its links and the read back. The id is made here so the links need not
   * wait for the insert's answer.
   */
  async create(values: TaskValues): Promise<TaskEntity> {
    const [, , tags] = await allInOrder([
      this.users.ensure(),
      values.projectId === null ? Promise.resolve(null) : this.projects.get(values.projectId),
      this.tags.getAll(values.tagIds),
    ]);
    const { tagIds: _tagIds, ...columns } = values;
    const id = randomUUID();
    await this.tx.manager.insert(
      TaskEntity,
      this.tx.manager.create(TaskEntity, { ...columns, id }),
    );
    const [, task] = await allInOrder([
      this.link(
        id,
        tags.map((tag) => tag.id),
      ),
      this.get(id),
    ]);
    return task;
  }

  async update(id: string, changes: TaskChanges): Promise<TaskEntity> {
    const { tagIds, ...columns } = definedOnly(changes);
    const { projectId } = columns;
    const [task, project, tags] = await allInOrder([
      this.get(id),
      projectId === undefined || projectId === null
        ? Promise.resolve(null)
        : this.projects.get(projectId),
      tagIds === undefined ? Promise.resolve(undefined) : this.tags.getAll(tagIds),
    ]);
    if (project) columns.projectId = project.id;
    const criteria = { taskId: task.id, ...this.scope.criteria() };
    await allInOrder([
      this.tx.manager
        .createQueryBuilder()
        .update(TaskEntity)
        .set({ ...columns, updatedAt: () => 'clock_timestamp()' })
        .where({ id: task.id, ...this.scope.criteria() })
        .execute(),
      tags ? this.tx.manager.delete(TaskTagEntity, criteria) : Promise.resolve(null),
    ]);
    if (tags) this.tags.forgetTask(task.id);
    this.forget(task.id);
    // The links after the old ones' delete; the read back after the update.
    const [, updated] = await allInOrder([
      tags
        ? this.link(
            task.id,
            tags.map((tag) => tag.id),
          )
        : Promise.resolve(),
      this.get(task.id),
    ]);
    return updated;
  }

  async delete(id: string): Promise<string> {
    const task = await this.get(id);
    await this.tx.manager.delete(TaskEntity, { id: task.id, ...this.scope.criteria() });
    this.forget(task.id);
    return task.id;
  }

  private async link(taskId: string, tagIds: readonly string[]): Promise<void> {
    if (tagIds.length === 0) return;
    const links = tagIds.map((tagId) => this.tx.manager.create(TaskTagEntity, { taskId, tagId }));
    await this.tx.manager.insert(TaskTagEntity, links);
  }
}
