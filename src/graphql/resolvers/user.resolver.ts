import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver } from 'type-graphql';
import type { TagEntity } from '../../entities/tag.entity';
import type { UserRecord } from '../../ownership/user.store';
import { Auth } from '../schema/auth.decorator';
import { ProjectListArgsInput, projectListArgs } from '../args/project-list.args';
import { TaskListArgsInput, taskListArgs } from '../args/task-list.args';
import type { RequestContext } from '../../request/request-context';
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

  @FieldResolver(() => ProjectConnection, {
    description: "The user's projects, as Query.projects.",
  })
  @Auth('tasks:read')
  projects(
    @Ctx() ctx: RequestContext,
    @Args() args: ProjectListArgsInput,
    @Info() info: GraphQLResolveInfo,
  ): ProjectConnection {
    return new ProjectConnection(ctx.stores.projects.list(projectListArgs(args, info)));
  }

  @FieldResolver(() => TaskConnection, { description: "The user's tasks, as Query.tasks." })
  @Auth('tasks:read')
  tasks(
    @Ctx() ctx: RequestContext,
    @Args() args: TaskListArgsInput,
    @Info() info: GraphQLResolveInfo,
  ): TaskConnection {
    return new TaskConnection(ctx.stores.tasks.list(taskListArgs(args, info)));
  }

  @FieldResolver(() => [TagType], { description: "The user's tags, as Query.tags." })
  @Auth('tasks:read')
  tags(@Ctx() ctx: RequestContext): Promise<TagEntity[]> {
    return ctx.stores.tags.list();
  }
}
