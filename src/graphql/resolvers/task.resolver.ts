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
import { Auth } from '../../schema/authorized.decorator';
import { TaskListArgsInput, taskListArgs } from '../args/task-list.args';
import { taskPrefetchOf, taskRelationsOf } from '../task-selection';
import type { RequestContext } from '../context';
import { CreateTaskInput, UpdateTaskInput } from '../inputs/task.input';
import { createTaskValues, updateTaskChanges } from '../inputs/task-values';
import { ProjectType } from '../types/project.type';
import { TagType } from '../types/tag.type';
import { TaskConnection } from '../types/task-connection.type';
import { TaskType } from '../types/task.type';
import { UserType } from '../types/user.type';

@Resolver(() => TaskType)
export class TaskResolver {
  @Query(() => TaskType, { nullable: true })
  @Auth('tasks:read')
  task(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TaskEntity | null> {
    return ctx.stores.tasks.find(id, taskRelationsOf(info));
  }

  @Query(() => TaskConnection)
  @Auth('tasks:read')
  tasks(
    @Ctx() ctx: RequestContext,
    @Args() args: TaskListArgsInput,
    @Info() info: GraphQLResolveInfo,
  ): TaskConnection {
    return new TaskConnection(ctx.stores.tasks.list(taskListArgs(args), taskPrefetchOf(info)));
  }

  @Mutation(() => TaskType)
  @Auth('tasks:write')
  createTask(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateTaskInput) input: CreateTaskInput,
  ): Promise<TaskEntity> {
    const values = createTaskValues(input);
    return ctx.tx.atomic(() => ctx.stores.tasks.create(values));
  }

  @Mutation(() => TaskType)
  @Auth('tasks:write')
  updateTask(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateTaskInput) input: UpdateTaskInput,
  ): Promise<TaskEntity> {
    const changes = updateTaskChanges(input);
    return ctx.tx.atomic(() => ctx.stores.tasks.update(id, changes));
  }

  @Mutation(() => ID)
  @Auth('tasks:write')
  deleteTask(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<string> {
    return ctx.tx.atomic(() => ctx.stores.tasks.delete(id));
  }

  @FieldResolver(() => ProjectType, { nullable: true })
  project(
    @Root() task: TaskEntity,
    @Ctx() ctx: RequestContext,
  ): ProjectEntity | Promise<ProjectEntity | null> | null {
    if (task.projectId === null) return null;
    // Read along with the page (no promise, so graphql-js completes the field at once).
    return ctx.stores.projects.peek(task.projectId) ?? ctx.stores.projects.find(task.projectId);
  }

  @FieldResolver(() => [TagType])
  tags(@Root() task: TaskEntity, @Ctx() ctx: RequestContext): TagEntity[] | Promise<TagEntity[]> {
    return ctx.stores.tags.peekTask(task.id) ?? ctx.stores.tags.ofTask(task.id);
  }

  @FieldResolver(() => UserType)
  owner(@Ctx() ctx: RequestContext): Promise<UserRecord> {
    return ctx.stores.users.me();
  }
}
