import { Field, ID, InterfaceType } from 'type-graphql';
import { ProjectEntity } from '../../entities/project.entity';
import { TagEntity } from '../../entities/tag.entity';
import { TaskEntity } from '../../entities/task.entity';

/** Resolvers answer entities, not the GraphQL classes: the row's entity names its type. */
function typeOf(value: unknown): string | undefined {
  if (value instanceof TaskEntity) return 'Task';
  if (value instanceof ProjectEntity) return 'Project';
  if (value instanceof TagEntity) return 'Tag';
  return undefined;
}

@InterfaceType('Node', {
  description:
    "A record of the caller's that can be fetched again by its id alone, with Query.node (Relay's object identification).",
  resolveType: typeOf,
})
export abstract class NodeInterface {
  @Field(() => ID, {
    description: 'The id, unique across every type; the same as node(id:) takes.',
  })
  id!: string;
}
