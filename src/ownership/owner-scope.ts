import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Adds "owned by the viewer" to a query. The application's first wall; row-level security
 * is the second. `filtering: false` exists only for the ablation tests, which prove RLS
 * alone still holds: it is reachable through code that builds a server, never from
 * configuration or a request.
 */
export class OwnerScope {
  constructor(
    readonly viewerId: string,
    private readonly filtering = true,
  ) {}

  apply<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    column = 'owner_id',
  ): SelectQueryBuilder<T> {
    if (!this.filtering) return qb;
    return qb.andWhere(`${alias}.${column} = :${alias}_owner`, {
      [`${alias}_owner`]: this.viewerId,
    });
  }

  /** The same condition for UPDATE/DELETE builders' criteria. */
  criteria(): { ownerId?: string } {
    return this.filtering ? { ownerId: this.viewerId } : {};
  }
}
