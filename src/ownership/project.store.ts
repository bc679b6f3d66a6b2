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

  async create(values: { name: string; description: string | null }): Promise<ProjectEntity> {
    await this.users.ensure();
    const project = this.tx.manager.create(ProjectEntity, values);
    return this.tx.manager.save(project);
  }

  async update(id: string, changes: ProjectChanges): Promise<ProjectEntity> {
    const project = await this.get(id);
    await this.tx.manager
      .createQueryBuilder()
      .update(ProjectEntity)
      .set({ ...definedOnly(changes), updatedAt: () => 'clock_timestamp()' })
      .where({ id: project.id, ...this.scope.criteria() })
      .execute();
    this.byId.clear(project.id);
    return this.get(project.id);
  }

  /** Deletes the project; its tasks go with it (foreign key cascade). */
  async delete(id: string): Promise<string> {
    const project = await this.get(id);
    await this.tx.manager.delete(ProjectEntity, { id: project.id, ...this.scope.criteria() });
    this.byId.clear(project.id);
    return project.id;
  }
}
