import { Field, InputType } from 'type-graphql';
import { SortDirection, TaskOrderField } from '../../domain/task-order';

@InputType('TaskOrder', { description: 'Ties are broken by id, so pages never skip or repeat.' })
export class TaskOrderInput {
  @Field(() => TaskOrderField)
  field!: TaskOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction!: SortDirection;
}
