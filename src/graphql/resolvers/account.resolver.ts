import { Ctx, Mutation, Resolver } from 'type-graphql';
import { requireSessionToken } from '../../auth/session-token';
import { Auth } from '../schema/auth.decorator';
import type { RequestContext } from '../../request/request-context';

@Resolver()
export class AccountResolver {
  @Mutation(() => Boolean, {
    description:
      'Deletes the caller: every project, task and tag, in one transaction, and every token ' +
      'issued up to now is refused from then on. Session tokens only (no scope claim).',
  })
  @Auth()
  async deleteAccount(@Ctx() ctx: RequestContext): Promise<boolean> {
    requireSessionToken(ctx.viewer);
    await ctx.stores.users.erase();
    ctx.log.info({ event: 'account_deleted', via: 'graphql' }, 'account deleted');
    return true;
  }
}
