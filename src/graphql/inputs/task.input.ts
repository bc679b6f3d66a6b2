import { Field, ID, InputType } from 'type-graphql';
import { Priority } from '../../domain/priority';
import { MAX_TAGS_PER_TASK, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from '../../domain/text-limits';

const LIMITS = `Limits: title 1-${TASK_TITLE_MAX} characters, description up to ${TASK_DESCRIPTION_MAX}, at most ${MAX_TAGS_PER_TASK} tags.
projectId and tagIds must be the caller's own, else NOT_FOUND and nothing is written.`;

@InputType('CreateTaskInput', { description: LIMITS })
export class CreateTaskInput {
  @Field({ description: 'The title, trimmed.' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Free text; null for none.' })
  description?: string | null;

  @Field(() => Priority, {
    nullable: true,
    defaultValue: Priority.MEDIUM,
    description: 'MEDIUM unless given.',
  })
  priority?: Priority | null;

  @Field(() => Date, { nullable: true, description: 'When the task is due; null for never.' })
  dueAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: "One of the caller's projects to put the task in.",
  })
  projectId?: string | null;

  @Field(() => [ID], { nullable: true, description: "The caller's tags for the task." })
  tagIds?: string[] | null;
}

@InputType('UpdateTaskInput', {
  description: `${LIMITS}\nOmitted fields are left as they are; null clears description, dueAt, projectId and tagIds.`,
})
export class UpdateTaskInput {
  @Field(() => String, { nullable: true, description: 'A new title, trimmed; null is refused.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New free text; null clears it.' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Marks the task done or open.' })
  completed?: boolean | null;

  @Field(() => Priority, { nullable: true, description: 'A new priority.' })
  priority?: Priority | null;

  @Field(() => Date, { nullable: true, description: 'A new due date; null clears it.' })
  dueAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Moves the task to this project; null takes it out of any.',
  })
  projectId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Replaces the task's tags; null or [] removes them all.",
  })
  tagIds?: string[] | null;
}
