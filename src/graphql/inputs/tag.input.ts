import { Field, InputType } from 'type-graphql';
import { TAG_NAME_MAX } from '../../domain/text-limits';

@InputType('CreateTagInput', {
  description: `Limits: name 1-${TAG_NAME_MAX} characters, unique per user (a duplicate answers BAD_USER_INPUT).`,
})
export class CreateTagInput {
  @Field({ description: "The tag's name, trimmed." })
  name!: string;
}

@InputType('UpdateTagInput', {
  description: `Limits as for CreateTagInput: name 1-${TAG_NAME_MAX} characters, unique among the caller's tags (a duplicate answers BAD_USER_INPUT).`,
})
export class UpdateTagInput {
  @Field({ description: 'The new name.' })
  name!: string;
}
