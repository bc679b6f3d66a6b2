import { Field, InputType } from 'type-graphql';
import { SortDirection, TaskOrderField } from '../../domain/task-order';

@InputType('TaskOrder', {
  description:
    'The order of a list of tasks. Ties are broken by id, so pages never skip or repeat.',
})
export class TaskOrderInput {
  @Field(() => TaskOrderField, { description: 'The value to order by.' })
  field!: TaskOrderField;

  @Field(() => SortDirection, {
    defaultValue: SortDirection.ASC,
    description: 'Ascending by default.',
  })
  direction!: SortDirection;
}
