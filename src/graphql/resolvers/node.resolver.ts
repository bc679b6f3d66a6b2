import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ProjectEntity } from '../../entities/project.entity';
import type { TagEntity } from '../../entities/tag.entity';
import type { TaskEntity } from '../../entities/task.entity';
import { Auth } from '../schema/auth.decorator';
import type { RequestContext } from '../../request/request-context';
import { NodeInterface } from '../types/node.interface';

@Resolver()
export class NodeResolver {
  // The scopes of every type node() can answer: a token that may not read one of them never
  // gets it this way. Today tasks:read covers Task, Project and Tag alike.
  @Query(() => NodeInterface, {
    nullable: true,
    description:
      "One of the caller's tasks, projects or tags by its id; null for a missing id, a malformed one and another user's alike.",
  })
  @Auth('tasks:read')
  async node(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID, { description: 'An id as a Task, Project or Tag answers it.' }) id: string,
  ): Promise<TaskEntity | ProjectEntity | TagEntity | null> {
    // All three looked up every time, so a hit costs what a miss does.
    const [task, project, tag] = await Promise.all([
      ctx.stores.tasks.find(id),
      ctx.stores.projects.find(id),
      ctx.stores.tags.find(id),
    ]);
    return task ?? project ?? tag;
  }
}
