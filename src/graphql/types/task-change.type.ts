import { Field, ID, ObjectType } from 'type-graphql';
import type { TaskEntity } from '../../entities/task.entity';
import { TaskChangeKind } from '../../domain/task-change-kind';
import { TaskType } from './task.type';

@ObjectType('TaskChange', { description: "One committed change to one of the caller's tasks." })
export class TaskChangeType {
  @Field(() => TaskChangeKind, { description: 'What happened to the task.' })
  kind!: TaskChangeKind;

  @Field(() => TaskType, {
    nullable: true,
    description: 'The task as the subscriber may read it now; null once deleted.',
  })
  task!: TaskEntity | null;

  @Field(() => ID, { description: 'The changed task, also once it is deleted.' })
  taskId!: string;
}
