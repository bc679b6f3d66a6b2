import { ObjectType } from 'type-graphql';
import type { TaskEntity } from '../../entities/task.entity';
import { connectionOf } from './connection.type';
import { TaskType } from './task.type';

@ObjectType('TaskConnection', { description: 'A page of tasks (Relay cursor connection).' })
export class TaskConnection extends connectionOf<TaskType, TaskEntity>('Task', TaskType) {}
