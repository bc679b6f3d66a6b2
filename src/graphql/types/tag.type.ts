import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Tag')
export class TagType {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}
