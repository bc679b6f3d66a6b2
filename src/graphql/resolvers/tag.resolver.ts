import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { TagEntity } from '../../entities/tag.entity';
import type { UserRecord } from '../../ownership/user.store';
import { Auth } from '../schema/auth.decorator';
import { endsOperation } from '../write-selection';
import { requiredText } from '../../validation/text';
import { TaskListArgsInput, taskListArgs } from '../args/task-list.args';
import type { RequestContext } from '../../request/request-context';
import { CreateTagInput, UpdateTagInput } from '../inputs/tag.input';
import { TagType } from '../types/tag.type';
import { TaskConnection } from '../types/task-connection.type';
import { UserType } from '../types/user.type';
import { TAG_NAME_MAX } from '../../domain/text-limits';

@Resolver(() => TagType)
export class TagResolver {
  @Query(() => TagType, {
    nullable: true,
    description:
      "One of the caller's tags; null for a missing id, a malformed one and another user's alike.",
  })
  @Auth('tasks:read')
  tag(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The tag id.' }) id: string,
  ): Promise<TagEntity | null> {
    return ctx.stores.tags.find(id);
  }

  @Query(() => [TagType], { description: "The caller's tags, by name (byte order)." })
  @Auth('tasks:read')
  tags(@Ctx() ctx: RequestContext): Promise<TagEntity[]> {
    return ctx.stores.tags.list();
  }

  @Mutation(() => TagType, { description: 'Creates a tag of the caller.' })
  @Auth('tasks:write')
  createTag(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateTagInput, { description: 'The new tag.' }) input: CreateTagInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TagEntity> {
    const name = requiredText(input.name, 'name', TAG_NAME_MAX);
    return ctx.tx.atomic(() => ctx.stores.tags.create(name), { last: endsOperation(info) });
  }

  @Mutation(() => TagType, {
    description:
      "Renames one of the caller's tags; another user's or a missing one answers NOT_FOUND.",
  })
  @Auth('tasks:write')
  updateTag(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The tag to rename.' }) id: string,
    @Arg('input', () => UpdateTagInput, { description: 'The new name.' }) input: UpdateTagInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TagEntity> {
    const name = requiredText(input.name, 'name', TAG_NAME_MAX);
    return ctx.tx.atomic(() => ctx.stores.tags.rename(id, name), { last: endsOperation(info) });
  }

  @Mutation(() => ID, { description: 'Removes the tag from its tasks and deletes it.' })
  @Auth('tasks:write')
  deleteTag(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The tag to delete.' }) id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string> {
    return ctx.tx.atomic(() => ctx.stores.tags.delete(id), { last: endsOperation(info) });
  }

  @FieldResolver(() => UserType, { description: 'The caller, who owns it.' })
  owner(@Ctx() ctx: RequestContext): Promise<UserRecord> {
    return ctx.stores.users.me();
  }

  // A read: without tasks:read a token must not list tasks through a mutation's answer.
  @FieldResolver(() => TaskConnection, { description: 'The tasks carrying this tag.' })
  @Auth('tasks:read')
  tasks(
    @Root() tag: TagEntity,
    @Ctx() ctx: RequestContext,
    @Args() args: TaskListArgsInput,
    @Info() info: GraphQLResolveInfo,
  ): TaskConnection {
    return new TaskConnection(ctx.stores.tasks.listUnder('tag', tag.id, taskListArgs(args, info)));
  }
}
