import { registerEnumType } from 'type-graphql';
import { SortDirection } from './task-order';

export enum ProjectOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  NAME = 'NAME',
}

registerEnumType(ProjectOrderField, {
  name: 'ProjectOrderField',
  description: 'What a list of projects can be ordered by.',
  valuesConfig: {
    CREATED_AT: { description: 'When the project was created.' },
    UPDATED_AT: { description: 'When the project was last changed.' },
    NAME: { description: 'The name, by its UTF-8 bytes (case-sensitive, the same everywhere).' },
  },
});

export interface ProjectOrderValues {
  readonly field: ProjectOrderField;
  readonly direction: SortDirection;
}

export const DEFAULT_PROJECT_ORDER: ProjectOrderValues = {
  field: ProjectOrderField.CREATED_AT,
  direction: SortDirection.ASC,
};
