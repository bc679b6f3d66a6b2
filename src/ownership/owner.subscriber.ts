import {
  EventSubscriber,
  type EntityMetadata,
  type EntitySubscriberInterface,
  type InsertEvent,
  type LoadEvent,
  type UpdateEvent,
} from 'typeorm';
import { requestScopeOf } from '../db/request-scope';
import { assertOwnedBy } from './ownership-violation';

/** Owned entities are those with an owner column, whether or not the object has it set. */
function isOwned(metadata: EntityMetadata, value: unknown): value is { ownerId?: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    metadata.findColumnWithPropertyName('ownerId') !== undefined
  );
}

/**
 * The backstop under the owner-scoped stores: inside a request (a query runner carrying
 * the viewer), every owned row loaded must be the viewer's, every insert is stamped with
 * the viewer as owner, and no update may move a row to another owner.
 */
@EventSubscriber()
export class OwnerSubscriber implements EntitySubscriberInterface {
  afterLoad(entity: unknown, event?: LoadEvent<unknown>): void {
    const scope = requestScopeOf(event?.queryRunner);
    if (scope && event && isOwned(event.metadata, entity))
      assertOwnedBy(scope, event!.metadata.tableName, entity.ownerId);
  }

  beforeInsert(event: InsertEvent<unknown>): void {
    const scope = requestScopeOf(event.queryRunner);
    const entity = event.entity;
    if (!scope || !isOwned(event.metadata, entity)) return;
    if (entity.ownerId !== undefined) {
      assertOwnedBy(scope, event.metadata.tableName, entity.ownerId);
    }
    entity.ownerId = scope.viewerId;
  }

  beforeUpdate(event: UpdateEvent<unknown>): void {
    const scope = requestScopeOf(event.queryRunner);
    const entity = event.entity;
    if (scope && isOwned(event.metadata, entity) && entity.ownerId !== undefined) {
      assertOwnedBy(scope, event.metadata.tableName, entity.ownerId);
    }
  }
}

/** The subscribers a request's DataSource needs; db/ takes them in, never imports them. */
export const OWNERSHIP_SUBSCRIBERS = [OwnerSubscriber];
