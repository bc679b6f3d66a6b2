import { Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { TagEntity } from '../../entities/tag.entity';
import type { UserRecord } from '../../ownership/user.store';
import { pageSize } from '../../pagination/page-args';
import { Auth } from '../../schema/authorized.decorator';
import { PageArgs } from '../args/page.args';
import { TaskListArgsInput, taskListArgs } from '../args/task-list.args';
import type { RequestContext } from '../context';
import { ProjectConnection } from '../types/project-connection.type';
import { TagType } from '../types/tag.type';
import { TaskConnection } from '../types/task-connection.type';
import { UserType } from '../types/user.type';

// A User is only ever the viewer: `me`, or the owner of one of the viewer's own rows.
// Its lists are reads like the root queries: without tasks:read a token must not reach them
// through a mutation's answer (`createTag { owner { tasks } }`).
@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserType, {
    description: "The caller, created on first sight from the token's sub, email and name claims.",
  })
  @Auth('tasks:read')
  me(@Ctx() ctx: RequestContext): Promise<UserRecord> {
    return ctx.stores.users.me();
  }

  @FieldResolver(() => ProjectConnection)
  @Auth('tasks:read')
  projects(@Ctx() ctx: RequestContext, @Args() { first, after }: PageArgs): ProjectConnection {
    return new ProjectConnection(ctx.stores.projects.list(pageSize(first), after));
  }

  @FieldResolver(() => TaskConnection)
  @Auth('tasks:read')
  tasks(@Ctx() ctx: RequestContext, @Args() args: TaskListArgsInput): TaskConnection {
    return new TaskConnection(ctx.stores.tasks.list(taskListArgs(args)));
  }

  @FieldResolver(() => [TagType])
  @Auth('tasks:read')
  tags(@Ctx() ctx: RequestContext): Promise<TagEntity[]> {
    return ctx.stores.tags.list();
  }
}
