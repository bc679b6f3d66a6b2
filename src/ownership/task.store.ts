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
import { byIdBatch } from './by-id-batch';
import { checkReferences } from './references-check';
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
  /** Lower case and distinct (graphql/inputs/task-values.ts). */
  readonly tagIds: readonly string[];
}

export interface TaskChanges {
  readonly title?: string;
  readonly description?: string | null;
  readonly completed?: boolean;
  readonly priority?: Priority;
  readonly dueAt?: Date | null;
  readonly projectId?: string | null;
  /** Lower case and distinct, as in TaskValues. */
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

  async get(id: string, prefetch: TaskPrefetch = {}): Promise<TaskEntity> {
    const task = await this.find(id, prefetch);
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

  /**
   * Writes check every referenced project and tag is the caller's, inside the transaction,
   * in one statement that raises at the database (references-check.ts). The whole write
   * leaves in one round trip (sendInOrder): the user row, the check, then the task, its links
   * and the read back of the answer, each statement handed over behind the one it needs. A
   * statement that fails behind a failed check is only its echo: the composite foreign keys
   * refuse another user's project or tag at the database as well.
   */
  async create(values: TaskValues, prefetch: TaskPrefetch = {}): Promise<TaskEntity> {
    const { tagIds, projectId, ...columns } = values;
    refuseMalformed(projectId, tagIds);
    const id = randomUUID();
    const row = this.tx.manager.create(TaskEntity, {
      ...columns,
      projectId: projectId?.toLowerCase() ?? null,
      id,
    });
    const [, , , , task] = await this.tx.sendInOrder([
      () => this.users.ensure(),
      () => checkReferences(this.tx, this.scope, { project: row.projectId, tags: tagIds }),
      () => this.tx.manager.insert(TaskEntity, row),
      () => this.link(id, tagIds),
      () => this.get(id, prefetch),
    ]);
    return task;
  }

  /**
   * Like create, one round trip: the check of the task, project and tags, the update, the
   * links replaced and the read back. For another user's task the check raises, so nothing
   * behind it runs, and the answer is its NOT_FOUND.
   */
  async update(id: string, changes: TaskChanges, prefetch: TaskPrefetch = {}): Promise<TaskEntity> {
    const { tagIds, ...columns } = definedOnly(changes);
    if (!isId(id)) throw new NotFoundError();
    refuseMalformed(columns.projectId ?? null, tagIds ?? []);
    const taskId = id.toLowerCase();
    if (columns.projectId) columns.projectId = columns.projectId.toLowerCase();
    const owned = { taskId, ...this.scope.criteria() };
    const references = { task: taskId, project: columns.projectId, tags: tagIds };
    const [, , , , updated] = await this.tx.sendInOrder([
      () => checkReferences(this.tx, this.scope, references),
      () =>
        this.tx.manager
          .createQueryBuilder()
          .update(TaskEntity)
          .set({ ...columns, updatedAt: () => 'clock_timestamp()' })
          .where({ id: taskId, ...this.scope.criteria() })
          .execute(),
      () => (tagIds ? this.tx.manager.delete(TaskTagEntity, owned) : Promise.resolve(null)),
      () => (tagIds ? this.link(taskId, tagIds) : Promise.resolve()),
      () => {
        // The read back must not be answered the check's row from before the update.
        if (tagIds) this.tags.forgetTask(taskId);
        this.forget(taskId);
        return this.get(taskId, prefetch);
      },
    ]);
    return updated;
  }

  /** The check and the delete in one round trip; another user's task matches nothing. */
  async delete(id: string): Promise<string> {
    if (!isId(id)) throw new NotFoundError();
    const taskId = id.toLowerCase();
    const [task] = await this.tx.sendInOrder([
      () => this.get(taskId),
      () => this.tx.manager.delete(TaskEntity, { id: taskId, ...this.scope.criteria() }),
    ]);
    this.forget(task.id);
    return task.id;
  }

  private async link(taskId: string, tagIds: readonly string[]): Promise<void> {
    if (tagIds.length === 0) return;
    const links = tagIds.map((tagId) => this.tx.manager.create(TaskTagEntity, { taskId, tagId }));
    await this.tx.manager.insert(TaskTagEntity, links);
  }
}

/** A malformed id names nothing: NOT_FOUND before any statement carries it. */
function refuseMalformed(projectId: string | null, tagIds: readonly string[]): void {
  if ((projectId !== null && !isId(projectId)) || !tagIds.every(isId)) throw new NotFoundError();
}
