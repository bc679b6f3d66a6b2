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

registerEnumType(TaskOrderField, { name: 'TaskOrderField' });
registerEnumType(SortDirection, { name: 'SortDirection' });

export interface TaskOrderValues {
  readonly field: TaskOrderField;
  readonly direction: SortDirection;
}

export const DEFAULT_TASK_ORDER: TaskOrderValues = {
  field: TaskOrderField.CREATED_AT,
  direction: SortDirection.ASC,
};
