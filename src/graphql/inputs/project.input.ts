import { Field, InputType } from 'type-graphql';
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX } from '../../domain/text-limits';

const PROJECT_LIMITS = `Limits: name 1-${PROJECT_NAME_MAX} characters, description up to ${PROJECT_DESCRIPTION_MAX}.`;

@InputType('CreateProjectInput', {
  description: PROJECT_LIMITS,
})
export class CreateProjectInput {
  @Field({ description: 'The name, trimmed.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Free text; null for none.' })
  description?: string | null;
}

@InputType('UpdateProjectInput', {
  description: PROJECT_LIMITS,
})
export class UpdateProjectInput {
  @Field(() => String, { nullable: true, description: 'A new name, trimmed; null is refused.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New free text; null clears it.' })
  description?: string | null;
}
