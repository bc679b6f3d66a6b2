import { ObjectType } from 'type-graphql';
import type { ProjectEntity } from '../../entities/project.entity';
import { connectionOf } from './connection.type';
import { ProjectType } from './project.type';

@ObjectType('ProjectConnection')
export class ProjectConnection extends connectionOf<ProjectType, ProjectEntity>(
  'Project',
  ProjectType,
) {}
