import { Field, ID, ObjectType } from 'type-graphql';
import type { TaskEntity } from '../../entities/task.entity';
import { TaskChangeKind } from '../../domain/task-change-kind';
import { TaskType } from './task.type';

@ObjectType('TaskChange')
export class TaskChangeType {
  @Field(() => TaskChangeKind)
  kind!: TaskChangeKind;

  @Field(() => TaskType, {
    nullable: true,
    description: 'The task as the subscriber may read it now; null once deleted.',
  })
  task!: TaskEntity | null;

  @Field(() => ID)
  taskId!: string;
}
