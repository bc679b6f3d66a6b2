import type { RequestTransaction } from '../db/request-transaction';
import { ProjectEntity } from '../entities/project.entity';
import { NotFoundError } from '../errors/errors';
import type { ProjectOrderValues } from '../domain/project-order';
import { applyKeyset, applyOrder, cursorOf, decodePosition } from '../pagination/keyset';
import type { PageWindow } from '../pagination/page-args';
import { lazy, toPage, type ConnectionSource } from '../pagination/page';
import { isId } from '../validation/ids';
import { definedOnly } from './defined-only';
import { byIdBatch } from './by-id-batch';
import type { OwnerScope } from './owner-scope';
import { PrimedLoader } from './primed-loader';
import { projectKeyset } from './project-query';
import { checkReferences } from './references-check';
import type { UserStore } from './user.store';

export interface ProjectChanges {
  readonly name?: string;
  readonly description?: string | null;
}

export interface ProjectListArgs extends PageWindow {
  readonly order: ProjectOrderValues;
}

/** The viewer's projects, and nobody else's. */
export class ProjectStore {
  private readonly byId: PrimedLoader<ProjectEntity | null>;

  constructor(
    private readonly tx: RequestTransaction,
    private readonly scope: OwnerScope,
    private readonly users: UserStore,
  ) {
    this.byId = new PrimedLoader(byIdBatch(() => this.query(), 'p'));
  }

  private query() {
    return this.scope.apply(this.tx.manager.createQueryBuilder(ProjectEntity, 'p'), 'p');
  }

  /** A project read along with its tasks (task-prefetch.ts), its owner already checked. */
  prime(project: ProjectEntity): void {
    this.byId.prime(project.id, project);
  }

  /** A project primed by its tasks' statement, without a promise; undefined: ask `find`. */
  peek(id: string): ProjectEntity | undefined {
    return this.byId.peek(id.toLowerCase()) ?? undefined;
  }

  /** null for a missing id, a malformed one, and someone else's alike. */
  async find(id: string): Promise<ProjectEntity | null> {
    return isId(id) ? this.byId.load(id.toLowerCase()) : null;
  }

  async get(id: string): Promise<ProjectEntity> {
    const project = await this.find(id);
    if (!project) throw new NotFoundError();
    return project;
  }

  /** The viewer's projects in the given order, one page at a time (see PageWindow). */
  list(args: ProjectListArgs): ConnectionSource<ProjectEntity> {
    const order = projectKeyset(args.order);
    const after = decodePosition(args.after, order);
    const before = decodePosition(args.before, order, 'before');
    return {
      page: lazy(async () => {
        const qb = this.query();
        applyKeyset(qb, 'p', order, after);
        applyKeyset(qb, 'p', order, before, 'before');
        applyOrder(qb, 'p', order, args.fromEnd);
        const rows = await qb.limit(args.first + 1).getMany();
        return toPage(rows, args.first, (p) => cursorOf(p, order), args.fromEnd);
      }),
      totalCount: lazy(() => this.query().getCount()),
    };
  }

  /** The user row and the insert in one round trip (sendInOrder). */
  async create(values: { name: string; description: string | null }): Promise<ProjectEntity> {
    const project = this.tx.manager.create(ProjectEntity, values);
    const [, created] = await this.tx.sendInOrder([
      () => this.users.ensure(),
      () => this.tx.manager.save(project),
    ]);
    return created;
  }

  /**
   * The check, the update and the read back in one round trip; another user's project fails
   * the check at the database (references-check.ts), so nothing behind it runs.
   */
  async update(id: string, changes: ProjectChanges): Promise<ProjectEntity> {
    if (!isId(id)) throw new NotFoundError();
    const projectId = id.toLowerCase();
    const [, , updated] = await this.tx.sendInOrder([
      () => checkReferences(this.tx, this.scope, { project: projectId }),
      () =>
        this.tx.manager
          .createQueryBuilder()
          .update(ProjectEntity)
          .set({ ...definedOnly(changes), updatedAt: () => 'clock_timestamp()' })
          .where({ id: projectId, ...this.scope.criteria() })
          .execute(),
      () => {
        this.byId.clear(projectId);
        return this.get(projectId);
      },
    ]);
    return updated;
  }

  /** Deletes the project; its tasks go with it (foreign key cascade). */
  async delete(id: string): Promise<string> {
    if (!isId(id)) throw new NotFoundError();
    const projectId = id.toLowerCase();
    // The check and the delete in one round trip; another user's project matches nothing.
    const [project] = await this.tx.sendInOrder([
      () => this.get(projectId),
      () => this.tx.manager.delete(ProjectEntity, { id: projectId, ...this.scope.criteria() }),
    ]);
    this.byId.clear(project.id);
    return project.id;
  }
}
