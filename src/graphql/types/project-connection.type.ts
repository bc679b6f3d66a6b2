import { Field, Int, ObjectType } from 'type-graphql';
import type { ProjectEntity } from '../../entities/project.entity';
import type { ConnectionSource } from '../../pagination/page';
import { edgesOf, nodesOf, pageInfoOf } from './connection';
import { PageInfo } from './page-info.type';
import { ProjectType } from './project.type';

@ObjectType('ProjectEdge')
export class ProjectEdge {
  @Field()
  cursor!: string;

  @Field(() => ProjectType)
  node!: ProjectType;
}

@ObjectType('ProjectConnection')
export class ProjectConnection {
  constructor(private readonly source: ConnectionSource<ProjectEntity>) {}

  @Field(() => [ProjectEdge])
  edges(): Promise<ProjectEdge[]> {
    return edgesOf(this.source);
  }

  @Field(() => [ProjectType])
  nodes(): Promise<ProjectType[]> {
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
