import { Field, ID, ObjectType } from 'type-graphql';
import { NodeInterface } from './node.interface';
import { TAG_NAME_MAX } from '../../domain/text-limits';

@ObjectType('Tag', {
  implements: NodeInterface,
  description: "A label of the caller's that any of their tasks can carry.",
})
export class TagType implements NodeInterface {
  @Field(() => ID, { description: 'The id, as node(id:), tag(id:) and updateTag take it.' })
  id!: string;

  @Field({ description: `1-${TAG_NAME_MAX} characters, unique among the caller's tags.` })
  name!: string;
}
