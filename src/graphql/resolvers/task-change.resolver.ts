import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Auth } from '../schema/auth.decorator';
import { taskChangeStream, type TaskChangePayload } from '../../subscriptions/task-change-stream';
import type { SubscriptionContext } from '../subscription-context';
import { TaskChangeType } from '../types/task-change.type';

@Resolver()
export class TaskChangeResolver {
  @Subscription(() => TaskChangeType, {
    description: "The viewer's own task changes, optionally of one project only.",
    subscribe: ({ args, context }) =>
      taskChangeStream(
        (context as SubscriptionContext).live,
        (args as { projectId?: string | null }).projectId ?? null,
      ),
  })
  @Auth('tasks:read')
  taskChanged(
    @Root() change: TaskChangePayload,
    // Read by the stream above; declared here so the schema has it.
    @Arg('projectId', () => ID, {
      nullable: true,
      description: "Only this project's tasks; a foreign or missing one yields no events.",
    })
    _projectId?: string,
  ): TaskChangeType {
    return change as unknown as TaskChangeType;
  }
}
