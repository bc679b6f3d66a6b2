import { AccountResolver } from './account.resolver';
import { NodeResolver } from './node.resolver';
import { ProjectResolver } from './project.resolver';
import { TagResolver } from './tag.resolver';
import { TaskChangeResolver } from './task-change.resolver';
import { TaskResolver } from './task.resolver';
import { TokenResolver } from './token.resolver';
import { UserResolver } from './user.resolver';

export const RESOLVERS = [
  UserResolver,
  ProjectResolver,
  TaskResolver,
  TagResolver,
  TokenResolver,
  AccountResolver,
  TaskChangeResolver,
  NodeResolver,
] as const;
