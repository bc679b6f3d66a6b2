import DataLoader from 'dataloader';
import type { RequestTransaction } from '../db/request-transaction';
import { TagEntity } from '../entities/tag.entity';
import { TaskTagEntity } from '../entities/task-tag.entity';
import { SQLSTATE, sqlStateOf } from '../db/sqlstate';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { isId } from '../validation/ids';
import { byIdBatch } from './by-id-batch';
import type { OwnerScope } from './owner-scope';
import { PrimedLoader } from './primed-loader';
import { checkReferences } from './references-check';
import type { UserStore } from './user.store';

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

  /**
   * The user row and the insert in one round trip (sendInOrder). Uniqueness is per owner:
   * another user's tag of the same name is no conflict. A name of the caller's own is refused
   * by the unique index, at the database.
   */
  async create(name: string): Promise<TagEntity> {
    const tag = this.tx.manager.create(TagEntity, { name });
    const [, created] = await this.tx.sendInOrder([
      () => this.users.ensure(),
      () => this.tx.manager.save(tag).catch(refuseDuplicate),
    ]);
    return created;
  }

  /**
   * Renames the tag: the check, the update and the read back in one round trip. Its own
   * current name is no conflict; another of the caller's is refused by the unique index.
   */
  async rename(id: string, name: string): Promise<TagEntity> {
    if (!isId(id)) throw new NotFoundError();
    const tagId = id.toLowerCase();
    const [, , renamed] = await this.tx.sendInOrder([
      () => checkReferences(this.tx, this.scope, { tags: [tagId] }),
      () =>
        this.tx.manager
          .createQueryBuilder()
          .update(TagEntity)
          .set({ name })
          .where({ id: tagId, ...this.scope.criteria() })
          .execute()
          .catch(refuseDuplicate),
      () => {
        this.byId.clear(tagId);
        // Task.tags answers read later in this request must show the new name.
        this.byTask.clearAll();
        return this.get(tagId);
      },
    ]);
    return renamed;
  }

  /** Removes the tag from its tasks (cascade on the links) and deletes it. */
  async delete(id: string): Promise<string> {
    if (!isId(id)) throw new NotFoundError();
    const tagId = id.toLowerCase();
    // The check and the delete in one round trip; another user's tag matches nothing.
    const [tag] = await this.tx.sendInOrder([
      () => this.get(tagId),
      () => this.tx.manager.delete(TagEntity, { id: tagId, ...this.scope.criteria() }),
    ]);
    this.byId.clear(tag.id);
    this.byTask.clearAll();
    return tag.id;
  }
}

function refuseDuplicate(error: unknown): never {
  throw sqlStateOf(error) === SQLSTATE.uniqueViolation ? duplicateName() : error;
}

function duplicateName(): BadUserInputError {
  return new BadUserInputError('name: you already have a tag with this name', 'name');
}
