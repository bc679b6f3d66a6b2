import type { RequestTransaction } from '../db/request-transaction';
import { ProjectEntity } from '../entities/project.entity';
import { NotFoundError } from '../errors/errors';
import { decodeCursor, encodeCursor } from '../pagination/cursor';
import { lazy, toPage, type ConnectionSource } from '../pagination/page';
import { isId } from '../validation/ids';
import { definedOnly } from './defined-only';
import type { OwnerScope } from './owner-scope';
import { PrimedLoader } from './primed-loader';
import type { UserStore } from './user.store';

export interface ProjectChanges {
  readonly name?: string;
  readonly description?: string | null;
}

const ORDERING = 'project:CREATED_AT:ASC';

/** The viewer's projects, and nobody else's. */
export class ProjectStore {
  private readonly byId: PrimedLoader<ProjectEntity | null>;

  constructor(
    private readonly tx: RequestTransaction,
    private readonly scope: OwnerScope,
    private readonly users: UserStore,
  ) {
    this.byId = new PrimedLoader(async (ids) => {
      const rows = await this.query().andWhere('p.id = ANY(:ids)', { ids }).getMany();
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });
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

  list(first: number, after: string | null | undefined): ConnectionSource<ProjectEntity> {
    const position = decodeCursor(after, ORDERING, 'date', false);
    const cursorOf = (p: ProjectEntity) => encodeCursor(ORDERING, p.createdAt.toISOString(), p.id);
    return {
      page: lazy(async () => {
        const qb = this.query()
          .orderBy('p.created_at', 'ASC')
          .addOrderBy('p.id', 'ASC')
          .limit(first + 1);
        if (position) {
          qb.andWhere('(p.created_at, p.id) > (CAST(:cv AS timestamptz), :cid)', {
            cv: position.value,
            cid: position.id,
          });
        }
        return toPage(await qb.getMany(), first, cursorOf);
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
