import { Field, ID, InputType } from 'type-graphql';
import { Priority } from '../../domain/priority';

const LIMITS = `Limits: title 1-200 characters, description up to 5000, at most 20 tags.
projectId and tagIds must be the caller's own, else NOT_FOUND and nothing is written.`;

@InputType('CreateTaskInput', { description: LIMITS })
export class CreateTaskInput {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Priority, { nullable: true, defaultValue: Priority.MEDIUM })
  priority?: Priority | null;

  @Field(() => Date, { nullable: true })
  dueAt?: Date | null;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => [ID], { nullable: true })
  tagIds?: string[] | null;
}

@InputType('UpdateTaskInput', {
  description: `${LIMITS}\nOmitted fields are left as they are; null clears description, dueAt, projectId and tagIds.`,
})
export class UpdateTaskInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  completed?: boolean | null;

  @Field(() => Priority, { nullable: true })
  priority?: Priority | null;

  @Field(() => Date, { nullable: true })
  dueAt?: Date | null;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => [ID], { nullable: true })
  tagIds?: string[] | null;
}
