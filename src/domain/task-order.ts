import { registerEnumType } from 'type-graphql';

export enum TaskOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  DUE_AT = 'DUE_AT',
  PRIORITY = 'PRIORITY',
  TITLE = 'TITLE',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(TaskOrderField, {
  name: 'TaskOrderField',
  description: 'What a list of tasks can be ordered by.',
  valuesConfig: {
    CREATED_AT: { description: 'When the task was created.' },
    UPDATED_AT: { description: 'When the task was last changed.' },
    DUE_AT: { description: 'The due date; tasks without one come last in either direction.' },
    PRIORITY: { description: 'LOW < MEDIUM < HIGH < URGENT.' },
    TITLE: { description: 'The title, by its UTF-8 bytes (case-sensitive, the same everywhere).' },
  },
});
registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'The direction of an order.',
  valuesConfig: {
    ASC: { description: 'Smallest, earliest or first in byte order first.' },
    DESC: { description: 'Largest, latest or last in byte order first.' },
  },
});

export interface TaskOrderValues {
  readonly field: TaskOrderField;
  readonly direction: SortDirection;
}

export const DEFAULT_TASK_ORDER: TaskOrderValues = {
  field: TaskOrderField.CREATED_AT,
  direction: SortDirection.ASC,
};
