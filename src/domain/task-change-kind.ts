import { registerEnumType } from 'type-graphql';

export enum TaskChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

registerEnumType(TaskChangeKind, { name: 'TaskChangeKind' });
