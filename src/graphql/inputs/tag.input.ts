import { Field, InputType } from 'type-graphql';

@InputType('CreateTagInput', {
  description:
    'Limits: name 1-50 characters, unique per user (a duplicate answers BAD_USER_INPUT).',
})
export class CreateTagInput {
  @Field()
  name!: string;
}
