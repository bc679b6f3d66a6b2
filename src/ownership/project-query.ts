import { ProjectOrderField, type ProjectOrderValues } from '../domain/project-order';
import { SortDirection } from '../domain/task-order';
import type { ProjectEntity } from '../entities/project.entity';
import type { KeysetOrder, OrderColumn } from '../pagination/keyset';

const ORDER_COLUMNS: Record<ProjectOrderField, OrderColumn<ProjectEntity>> = {
  CREATED_AT: {
    column: 'created_at',
    kind: 'date',
    nullable: false,
    valueOf: (p) => p.createdAt.toISOString(),
  },
  UPDATED_AT: {
    column: 'updated_at',
    kind: 'date',
    nullable: false,
    valueOf: (p) => p.updatedAt.toISOString(),
  },
  // Byte order, as for task titles: the same on every database whatever its collation.
  NAME: { column: 'name', kind: 'string', nullable: false, collate: 'C', valueOf: (p) => p.name },
};

/** A project ordering as the keyset helpers take it; `project:CREATED_AT:ASC` as before. */
export function projectKeyset(order: ProjectOrderValues): KeysetOrder<ProjectEntity> {
  return {
    key: `project:${order.field}:${order.direction}`,
    column: ORDER_COLUMNS[order.field],
    descending: order.direction === SortDirection.DESC,
  };
}
