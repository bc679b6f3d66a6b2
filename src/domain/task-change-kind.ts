import { registerEnumType } from 'type-graphql';

export enum TaskChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

registerEnumType(TaskChangeKind, {
  name: 'TaskChangeKind',
  description: 'What a committed change did to a task.',
  valuesConfig: {
    CREATED: { description: 'The task was created.' },
    UPDATED: {
      description:
        'The task changed, or which tags it carries, or the name of its project or of one of its tags.',
    },
    DELETED: { description: 'The task was deleted (itself, or with its project).' },
  },
});
