import { ProjectEntity } from './project.entity';
import { TagEntity } from './tag.entity';
import { TaskTagEntity } from './task-tag.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export const ENTITIES = [UserEntity, ProjectEntity, TaskEntity, TagEntity, TaskTagEntity];
