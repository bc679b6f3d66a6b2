import { ObjectType } from 'type-graphql';
import type { ProjectEntity } from '../../entities/project.entity';
import { connectionOf } from './connection.type';
import { ProjectType } from './project.type';

@ObjectType('ProjectConnection', { description: 'A page of projects (Relay cursor connection).' })
export class ProjectConnection extends connectionOf<ProjectType, ProjectEntity>(
  'Project',
  ProjectType,
) {}
