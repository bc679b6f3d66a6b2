import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from './node.interface';
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX } from '../../domain/text-limits';

@ObjectType('Project', {
  implements: NodeInterface,
  description: "A project of the caller's, grouping some of their tasks.",
})
export class ProjectType implements NodeInterface {
  @Field(() => ID, { description: 'The id, as node(id:), project(id:) and updateProject take it.' })
  id!: string;

  @Field({ description: `1-${PROJECT_NAME_MAX} characters.` })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: `Up to ${PROJECT_DESCRIPTION_MAX} characters; null when none.`,
  })
  description!: string | null;

  @Field({ description: 'When the project was created (server clock).' })
  createdAt!: Date;

  @Field({ description: 'When the project was last changed (server clock).' })
  updatedAt!: Date;
}
