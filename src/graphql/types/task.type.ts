import { Field, ID, ObjectType } from 'type-graphql';
import { Priority } from '../../domain/priority';

@ObjectType('Task')
export class TaskType {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  completed!: boolean;

  @Field(() => Priority)
  priority!: Priority;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
