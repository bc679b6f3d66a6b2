import { Field, ID, InputType } from 'type-graphql';
import { Priority } from '../../domain/priority';
import { TASK_SEARCH_MAX } from '../../domain/text-limits';

@InputType('TaskFilter', {
  description: "A filter naming a project or tag that is not the caller's matches nothing.",
})
export class TaskFilterInput {
  @Field(() => Boolean, { nullable: true, description: 'Only done (true) or open (false) tasks.' })
  completed?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only the tasks in this project.' })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the tasks carrying this tag.' })
  tagId?: string | null;

  @Field(() => Priority, { nullable: true, description: 'Only the tasks of this priority.' })
  priority?: Priority | null;

  @Field(() => String, {
    nullable: true,
    description: `Case-insensitive match in title or description (at most ${TASK_SEARCH_MAX} characters).`,
  })
  search?: string | null;

  @Field(() => Date, { nullable: true, description: 'Matches dueAt < value.' })
  dueBefore?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Matches dueAt > value.' })
  dueAfter?: Date | null;
}
