import { ArgsType, Field } from 'type-graphql';
import { DEFAULT_TASK_ORDER } from '../../domain/task-order';
import type { TaskListArgs } from '../../ownership/task.store';
import { pageSize } from '../../pagination/page-args';
import { TaskFilterInput } from '../inputs/task-filter.input';
import { TaskOrderInput } from '../inputs/task-order.input';
import { PageArgs } from './page.args';

@ArgsType()
export class TaskListArgsInput extends PageArgs {
  @Field(() => TaskFilterInput, { nullable: true })
  filter?: TaskFilterInput | null;

  @Field(() => TaskOrderInput, { nullable: true })
  orderBy?: TaskOrderInput | null;
}

/** Checks the page size and fills in the default order. */
export function taskListArgs(args: PageArgs & Partial<TaskListArgsInput>): TaskListArgs {
  return {
    filter: args.filter ?? null,
    order: args.orderBy ?? DEFAULT_TASK_ORDER,
    first: pageSize(args.first),
    after: args.after ?? null,
  };
}
