import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field } from 'type-graphql';
import { DEFAULT_TASK_ORDER } from '../../domain/task-order';
import type { TaskListArgs } from '../../ownership/task-pages';
import { TaskFilterInput } from '../inputs/task-filter.input';
import { TaskOrderInput } from '../inputs/task-order.input';
import { PageArgs, pageWindowOf } from './page.args';

@ArgsType()
export class TaskListArgsInput extends PageArgs {
  @Field(() => TaskFilterInput, {
    nullable: true,
    description: 'Only the tasks matching every condition given; totalCount counts the same.',
  })
  filter?: TaskFilterInput | null;

  @Field(() => TaskOrderInput, {
    nullable: true,
    description: 'The order of the list, CREATED_AT ascending by default; cursors belong to it.',
  })
  orderBy?: TaskOrderInput | null;
}

/** Checks the page arguments and fills in the default order. */
export function taskListArgs(args: TaskListArgsInput, info: GraphQLResolveInfo): TaskListArgs {
  return {
    filter: args.filter ?? null,
    order: args.orderBy ?? DEFAULT_TASK_ORDER,
    ...pageWindowOf(args, info),
  };
}
