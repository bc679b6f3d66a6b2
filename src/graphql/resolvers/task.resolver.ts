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
import type { TagEntity } from '../../entities/tag.entity';
import type { TaskEntity } from '../../entities/task.entity';
import type { UserRecord } from '../../ownership/user.store';
import { Auth } from '../schema/auth.decorator';
import { TaskListArgsInput, taskListArgs } from '../args/task-list.args';
import { TASK_RELATIONS, taskPrefetchOf, taskRelationsOf } from '../task-selection';
import { endsOperation } from '../write-selection';
import type { RequestContext } from '../../request/request-context';
import { CreateTaskInput, UpdateTaskInput } from '../inputs/task.input';
import { createTaskValues, updateTaskChanges } from '../inputs/task-values';
import { ProjectType } from '../types/project.type';
import { TagType } from '../types/tag.type';
import { TaskConnection } from '../types/task-connection.type';
import { TaskType } from '../types/task.type';
import { UserType } from '../types/user.type';
import { MAX_PAGE_SIZE } from '../../pagination/page-args';

@Resolver(() => TaskType)
export class TaskResolver {
  @Query(() => TaskType, {
    nullable: true,
    description:
      "One of the caller's tasks; null for a missing id, a malformed one and another user's alike.",
  })
  @Auth('tasks:read')
  task(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The task id.' }) id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskEntity | null> {
    return ctx.stores.tasks.find(id, taskRelationsOf(info));
  }

  @Query(() => TaskConnection, {
    description: `The caller's tasks. first and last are 1-${MAX_PAGE_SIZE}; a larger or negative value answers BAD_USER_INPUT.`,
  })
  @Auth('tasks:read')
  tasks(
    @Ctx() ctx: RequestContext,
    @Args() args: TaskListArgsInput,
    @Info() info: GraphQLResolveInfo,
  ): TaskConnection {
    return new TaskConnection(
      ctx.stores.tasks.list(taskListArgs(args, info), taskPrefetchOf(info)),
    );
  }

  @Mutation(() => TaskType, { description: 'Creates a task of the caller.' })
  @Auth('tasks:write')
  createTask(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateTaskInput, { description: 'The new task.' }) input: CreateTaskInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskEntity> {
    const values = createTaskValues(input);
    return ctx.tx.atomic(() => ctx.stores.tasks.create(values, taskRelationsOf(info)), {
      last: endsOperation(info, TASK_RELATIONS),
    });
  }

  @Mutation(() => TaskType, {
    description:
      "Changes one of the caller's tasks; another user's or a missing one answers NOT_FOUND.",
  })
  @Auth('tasks:write')
  updateTask(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The task to change.' }) id: string,
    @Arg('input', () => UpdateTaskInput, { description: 'The fields to change.' })
    input: UpdateTaskInput,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskEntity> {
    const changes = updateTaskChanges(input);
    return ctx.tx.atomic(() => ctx.stores.tasks.update(id, changes, taskRelationsOf(info)), {
      last: endsOperation(info, TASK_RELATIONS),
    });
  }

  @Mutation(() => ID, { description: 'Deletes the task; answers the deleted id.' })
  @Auth('tasks:write')
  deleteTask(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'The task to delete.' }) id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<string> {
    return ctx.tx.atomic(() => ctx.stores.tasks.delete(id), { last: endsOperation(info) });
  }

  @FieldResolver(() => ProjectType, {
    nullable: true,
    description: 'Its project; null when in none.',
  })
  project(
    @Root() task: TaskEntity,
    @Ctx() ctx: RequestContext,
  ): ProjectEntity | Promise<ProjectEntity | null> | null {
    if (task.projectId === null) return null;
    // Read along with the page (no promise, so graphql-js completes the field at once).
    return ctx.stores.projects.peek(task.projectId) ?? ctx.stores.projects.find(task.projectId);
  }

  @FieldResolver(() => [TagType], { description: 'Its tags, by name (byte order).' })
  tags(@Root() task: TaskEntity, @Ctx() ctx: RequestContext): TagEntity[] | Promise<TagEntity[]> {
    return ctx.stores.tags.peekTask(task.id) ?? ctx.stores.tags.ofTask(task.id);
  }

  @FieldResolver(() => UserType, { description: 'The caller, who owns it.' })
  owner(@Ctx() ctx: RequestContext): Promise<UserRecord> {
    return ctx.stores.users.me();
  }
}
