import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Project')
export class ProjectType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
