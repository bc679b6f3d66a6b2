import { Field, Int, ObjectType } from 'type-graphql';
import type { TaskEntity } from '../../entities/task.entity';
import type { ConnectionSource } from '../../pagination/page';
import { edgesOf, nodesOf, pageInfoOf } from './connection';
import { PageInfo } from './page-info.type';
import { TaskType } from './task.type';

@ObjectType('TaskEdge')
export class TaskEdge {
  @Field()
  cursor!: string;

  @Field(() => TaskType)
  node!: TaskType;
}

@ObjectType('TaskConnection')
export class TaskConnection {
  constructor(private readonly source: ConnectionSource<TaskEntity>) {}

  @Field(() => [TaskEdge])
  edges(): Promise<TaskEdge[]> {
    return edgesOf(this.source);
  }

  @Field(() => [TaskType])
  nodes(): Promise<TaskType[]> {
    return nodesOf(this.source);
  }

  @Field(() => PageInfo)
  pageInfo(): Promise<PageInfo> {
    return pageInfoOf(this.source);
  }

  @Field(() => Int)
  totalCount(): Promise<number> {
    return this.source.totalCount();
  }
}
