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
import type { ProjectEntity } from '../../entities/project.entity';
import type { UserRecord } from '../../ownership/user.store';
import { Auth } from '../schema/auth.decorator';
import { endsOperation } from '../write-selection';
import { optionalText, notNull, requiredText } from '../../validation/text';
import { ProjectListArgsInput, projectListArgs } from '../args/project-list.args';
import { TaskListArgsInput, taskListArgs } from '../args/task-list.args';
import type { RequestContext } from '../../request/request-context';
import { CreateProjectInput, UpdateProjectInput } from '../inputs/project.input';
import { ProjectConnection } from '../types/project-connection.type';
import { ProjectType } from '../types/project.type';
import { TaskConnection } from '../types/task-connection.type';
import { UserType } from '../types/user.type';
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX } from '../../domain/text-limits';
import { MAX_PAGE_SIZE } from '../../pagination/page-args';

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Query(() => ProjectType, {
    nullable: true,
    description:
      "One of the caller's projects; null for a missing id, a malformed one and another user's alike.",
  })
  @Auth('tasks:read')
  project(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The project id.' }) id: string,
  ): Promise<ProjectEntity | null> {
    return ctx.stores.projects.find(id);
  }

  @Query(() => ProjectConnection, {
    description: `The caller's projects. first and last are 1-${MAX_PAGE_SIZE}; a larger or negative value answers BAD_USER_INPUT.`,
  })
  @Auth('tasks:read')
  projects(
    @Ctx() ctx: RequestContext,
    @Args() args: ProjectListArgsInput,
    @Info() info: GraphQLResolveInfo,
  ): ProjectConnection {
    return new ProjectConnection(ctx.stores.projects.list(projectListArgs(args, info)));
  }

  @Mutation(() => ProjectType, { description: 'Creates a project of the caller.' })
  @Auth('tasks:write')
  createProject(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateProjectInput, { description: 'The new project.' })
    input: CreateProjectInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectEntity> {
    const values = {
      name: requiredText(input.name, 'name', PROJECT_NAME_MAX),
      description: optionalText(input.description, 'description', PROJECT_DESCRIPTION_MAX) ?? null,
    };
    return ctx.tx.atomic(() => ctx.stores.projects.create(values), { last: endsOperation(info) });
  }

  @Mutation(() => ProjectType, {
    description:
      "Changes one of the caller's projects; another user's or a missing one answers NOT_FOUND.",
  })
  @Auth('tasks:write')
  updateProject(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The project to change.' }) id: string,
    @Arg('input', () => UpdateProjectInput, { description: 'The fields to change.' })
    input: UpdateProjectInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ProjectEntity> {
    const name = notNull(input.name, 'name');
    const changes = {
      name: name === undefined ? undefined : requiredText(name, 'name', PROJECT_NAME_MAX),
      description: optionalText(input.description, 'description', PROJECT_DESCRIPTION_MAX),
    };
    return ctx.tx.atomic(() => ctx.stores.projects.update(id, changes), {
      last: endsOperation(info),
    });
  }

  @Mutation(() => ID, { description: 'Deletes the project and its tasks; answers the deleted id.' })
  @Auth('tasks:write')
  deleteProject(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The project to delete.' }) id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string> {
    return ctx.tx.atomic(() => ctx.stores.projects.delete(id), { last: endsOperation(info) });
  }

  @FieldResolver(() => UserType, { description: 'The caller, who owns it.' })
  owner(@Ctx() ctx: RequestContext): Promise<UserRecord> {
    return ctx.stores.users.me();
  }

  // A read: without tasks:read a token must not list tasks through a mutation's answer.
  @FieldResolver(() => TaskConnection, { description: 'The tasks in this project.' })
  @Auth('tasks:read')
  tasks(
    @Root() project: ProjectEntity,
    @Ctx() ctx: RequestContext,
    @Args() args: TaskListArgsInput,
    @Info() info: GraphQLResolveInfo,
  ): TaskConnection {
    return new TaskConnection(
      ctx.stores.tasks.listUnder('project', project.id, taskListArgs(args, info)),
    );
  }
}
