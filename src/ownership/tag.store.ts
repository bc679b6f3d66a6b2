import DataLoader from 'dataloader';
import type { RequestTransaction } from '../db/request-transaction';
import { TagEntity } from '../entities/tag.entity';
import { TaskTagEntity } from '../entities/task-tag.entity';
import { SQLSTATE } from '../db/sqlstate';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { isId } from '../validation/ids';
import { byIdBatch } from './by-id-batch';
import type { OwnerScope } from './owner-scope';
import { PrimedLoader } from './primed-loader';
import type { UserStore } from './user.store';

const UNIQUE_VIOLATION = SQLSTATE.uniqueViolation;

/** The viewer's tags, and nobody else's. */
export class TagStore {
  private readonly byId: DataLoader<string, TagEntity | null>;
  /** Tags of many tasks in one statement: the loader behind Task.tags. */
  private readonly byTask: PrimedLoader<TagEntity[]>;

  constructor(
    private readonly tx: RequestTransaction,
    private readonly scope: OwnerScope,
    private readonly users: UserStore,
  ) {
    this.byId = new DataLoader(byIdBatch(() => this.query(), 'g'));
    this.byTask = new PrimedLoader(async (taskIds) => {
      const { entities, raw } = await this.query()
        .innerJoin(TaskTagEntity, 'tt', 'tt.tag_id = g.id AND tt.owner_id = g.owner_id')
        .addSelect('tt.task_id', 'tt_task_id')
        .andWhere('tt.task_id = ANY(:taskIds)', { taskIds })
        .orderBy('g.name', 'ASC')
        .addOrderBy('g.id', 'ASC')
        .getRawAndEntities();
      const tags = new Map(entities.map((tag) => [tag.id, tag]));
      const byTask = new Map<string, TagEntity[]>(taskIds.map((id) => [id, []]));
      for (const row of raw as { g_id: string; tt_task_id: string }[]) {
        const tag = tags.get(row.g_id);
        if (tag) byTask.get(row.tt_task_id)?.push(tag);
      }
      return taskIds.map((id) => byTask.get(id) ?? []);
    });
  }

  private query() {
    return this.scope.apply(this.tx.manager.createQueryBuilder(TagEntity, 'g'), 'g');
  }

  async find(id: string): Promise<TagEntity | null> {
    return isId(id) ? this.byId.load(id.toLowerCase()) : null;
  }

  async get(id: string): Promise<TagEntity> {
    const tag = await this.find(id);
    if (!tag) throw new NotFoundError();
    return tag;
  }

  /** Every tag named must be the caller's; one that is not (or does not exist) fails all. */
  async getAll(ids: readonly string[]): Promise<TagEntity[]> {
    const tags = await Promise.all(ids.map((id) => this.get(id)));
    return tags;
  }

  list(): Promise<TagEntity[]> {
    return this.query().orderBy('g.name', 'ASC').addOrderBy('g.id', 'ASC').getMany();
  }

  /** A task's tags primed by its statement, without a promise; undefined: ask `ofTask`. */
  peekTask(taskId: string): TagEntity[] | undefined {
    return this.byTask.peek(taskId);
  }

  ofTask(taskId: string): Promise<TagEntity[]> {
    return this.byTask.load(taskId);
  }

  /** A task's tags read along with it (task-prefetch.ts), their owners already checked. */
  primeTask(taskId: string, tags: TagEntity[]): void {
    this.byTask.prime(taskId, tags);
  }

  forgetTask(taskId: string): void {
    this.byTask.clear(taskId);
  }

  async create(name: string): Promise<TagEntity> {
    await this.users.ensure();
    // Uniqueness is per owner: another user's tag of the same name is no conflict.
    const existing = await this.query().andWhere('g.name = :name', { name }).getExists();
    if (existing) throw duplicateName();
    try {
      return await this.tx.manager.save(this.tx.manager.create(TagEntity, { name }));
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
  }

  /** Renames the tag; its own current name is no conflict, another of the caller's is. */
  async rename(id: string, name: string): Promise<TagEntity> {
    const tag = await this.get(id);
    const taken = await this.query()
      .andWhere('g.name = :name AND g.id <> :id', { name, id: tag.id })
      .getExists();
    if (taken) throw duplicateName();
    try {
      await this.tx.manager
        .createQueryBuilder()
        .update(TagEntity)
        .set({ name })
        .where({ id: tag.id, ...this.scope.criteria() })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateName();
      throw error;
    }
    this.byId.clear(tag.id);
    // Task.tags answers read later in this request must show the new name.
    this.byTask.clearAll();
    return this.get(tag.id);
  }

  /** Removes the tag from its tasks (cascade on the links) and deletes it. */
  async delete(id: string): Promise<string> {
    const tag = await this.get(id);
    await this.tx.manager.delete(TagEntity, { id: tag.id, ...this.scope.criteria() });
    this.byId.clear(tag.id);
    this.byTask.clearAll();
    return tag.id;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION;
}

function duplicateName(): BadUserInputError {
  return new BadUserInputError('name: you already have a tag with this name', 'name');
}
