import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('User', {
  description: 'The caller: a user is only ever the viewer, as me or as the owner of their rows.',
})
export class UserType {
  @Field(() => ID, { description: "The token's sub claim." })
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: "The token's email claim; null when absent.",
  })
  email!: string | null;

  @Field(() => String, { nullable: true, description: "The token's name claim; null when absent." })
  name!: string | null;

  @Field({ description: 'When the API first saw this user.' })
  createdAt!: Date;
}
