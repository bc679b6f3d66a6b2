import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field } from 'type-graphql';
import { DEFAULT_PROJECT_ORDER } from '../../domain/project-order';
import type { ProjectListArgs } from '../../ownership/project.store';
import { ProjectOrderInput } from '../inputs/project-order.input';
import { PageArgs, pageWindowOf } from './page.args';

@ArgsType()
export class ProjectListArgsInput extends PageArgs {
  @Field(() => ProjectOrderInput, {
    nullable: true,
    description: 'The order of the list, CREATED_AT ascending by default; cursors belong to it.',
  })
  orderBy?: ProjectOrderInput | null;
}

/** Checks the page arguments and fills in the default order. */
export function projectListArgs(
  args: ProjectListArgsInput,
  info: GraphQLResolveInfo,
): ProjectListArgs {
  return { order: args.orderBy ?? DEFAULT_PROJECT_ORDER, ...pageWindowOf(args, info) };
}
