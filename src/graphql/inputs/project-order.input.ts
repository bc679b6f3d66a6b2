import { Field, InputType } from 'type-graphql';
import { ProjectOrderField } from '../../domain/project-order';
import { SortDirection } from '../../domain/task-order';

@InputType('ProjectOrder', {
  description:
    'The order of a list of projects. Ties are broken by id, so pages never skip or repeat.',
})
export class ProjectOrderInput {
  @Field(() => ProjectOrderField, { description: 'The value to order by.' })
  field!: ProjectOrderField;

  @Field(() => SortDirection, {
    defaultValue: SortDirection.ASC,
    description: 'Ascending by default.',
  })
  direction!: SortDirection;
}
