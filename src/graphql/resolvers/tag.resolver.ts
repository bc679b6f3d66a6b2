import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DEFAULT_TASK_ORDER } from '../../domain/task-order';
import type { TagEntity } from '../../entities/tag.entity';
import type { UserRecord } from '../../ownership/user.store';
import { pageSize } from '../../pagination/page-args';
import { Auth } from '../../schema/authorized.decorator';
import { requiredText } from '../../validation/text';
import { PageArgs } from '../args/page.args';
import type { RequestContext } from '../context';
import { CreateTagInput } from '../inputs/tag.input';
import { TagType } from '../types/tag.type';
import { TaskConnection } from '../types/task-connection.type';
import { UserType } from '../types/user.type';

@Resolver(() => TagType)
export class TagResolver {
  @Query(() => TagType, { nullable: true })
  @Auth('tasks:read')
  tag(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<TagEntity | null> {
    return ctx.stores.tags.find(id);
  }

  @Query(() => [TagType])
  @Auth('tasks:read')
  tags(@Ctx() ctx: RequestContext): Promise<TagEntity[]> {
    return ctx.stores.tags.list();
  }

  @Mutation(() => TagType)
  @Auth('tasks:write')
  createTag(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateTagInput) input: CreateTagInput,
  ): Promise<TagEntity> {
    const name = requiredText(input.name, 'name', 50);
    return ctx.tx.atomic(() => ctx.stores.tags.create(name));
  }

  @Mutation(() => ID, { description: 'Removes the tag from its tasks and deletes it.' })
  @Auth('tasks:write')
  deleteTag(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.tx.atomic(() => ctx.stores.tags.delete(id));
  }

  @FieldResolver(() => UserType)
  owner(@Ctx() ctx: RequestContext): Promise<UserRecord> {
    return ctx.stores.users.me();
  }

  // A read: without tasks:read a token must not list tasks through a mutation's answer.
  @FieldResolver(() => TaskConnection)
  @Auth('tasks:read')
  tasks(
    @Root() tag: TagEntity,
    @Ctx() ctx: RequestContext,
    @Args() { first, after }: PageArgs,
  ): TaskConnection {
    const args = { filter: null, order: DEFAULT_TASK_ORDER, first: pageSize(first), after };
    return new TaskConnection(ctx.stores.tasks.listUnder('tag', tag.id, args));
  }
}
