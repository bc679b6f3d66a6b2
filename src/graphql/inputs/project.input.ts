import { Field, InputType } from 'type-graphql';

@InputType('CreateProjectInput', {
  description: 'Limits: name 1-100 characters, description up to 2000.',
})
export class CreateProjectInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType('UpdateProjectInput', {
  description: 'Limits: name 1-100 characters, description up to 2000.',
})
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}
