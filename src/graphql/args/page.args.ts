import type { GraphQLResolveInfo } from 'graphql';
import { ArgsType, Field, Int } from 'type-graphql';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  pageWindow,
  type PageWindow,
} from '../../pagination/page-args';
import { argumentGiven } from './given-argument';

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `Page size from the start (after \`after\`), 1-${MAX_PAGE_SIZE}; not with \`last\`.`,
  })
  first!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Rows after this cursor: the endCursor of the previous page.',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size from the end (before \`before\`), 1-${MAX_PAGE_SIZE}; not with \`first\`. Nodes still come in the list's order.`,
  })
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Rows before this cursor: the startCursor of the next page.',
  })
  before?: string | null;
}

/** The page a connection field asks for; `first` counts only if the request set it. */
export function pageWindowOf(args: PageArgs, info: GraphQLResolveInfo): PageWindow {
  return pageWindow(args, argumentGiven(info, 'first'));
}
