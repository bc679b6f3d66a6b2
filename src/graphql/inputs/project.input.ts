import { Field, InputType } from 'type-graphql';

@InputType('CreateProjectInput', {
  description: 'Limits: name 1-100 characters, description up to 2000.',
})
export class CreateProjectInput {
  @Field({ description: 'The name, trimmed.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free text; null for none.' })
  description?: string | null;
}

@InputType('UpdateProjectInput', {
  description: 'Limits: name 1-100 characters, description up to 2000.',
})
export class UpdateProjectInput {
  @Field(() => String, { nullable: true, description: 'A new name, trimmed; null is refused.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New free text; null clears it.' })
  description?: string | null;
}
