import { Field, ID, ObjectType } from 'type-graphql';
import { Priority } from '../../domain/priority';
import { NodeInterface } from './node.interface';
import { TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from '../../domain/text-limits';

@ObjectType('Task', {
  implements: NodeInterface,
  description: 'A task of the caller, optionally in one of their projects and with their tags.',
})
export class TaskType implements NodeInterface {
  @Field(() => ID, { description: 'The id, as node(id:), task(id:) and updateTask take it.' })
  id!: string;

  @Field({ description: `1-${TASK_TITLE_MAX} characters.` })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: `Up to ${TASK_DESCRIPTION_MAX} characters; null when none.`,
  })
  description!: string | null;

  @Field({ description: 'Whether the task is done; false when created.' })
  completed!: boolean;

  @Field(() => Priority, { description: 'MEDIUM unless set.' })
  priority!: Priority;

  @Field(() => Date, { nullable: true, description: 'When the task is due; null when it is not.' })
  dueAt!: Date | null;

  @Field({ description: 'When the task was created (server clock).' })
  createdAt!: Date;

  @Field({ description: 'When the task was last changed (server clock).' })
  updatedAt!: Date;
}
