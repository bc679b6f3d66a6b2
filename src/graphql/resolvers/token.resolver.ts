import { Ctx, Mutation, Resolver } from 'type-graphql';
import { Auth } from '../schema/auth.decorator';
import type { RequestContext } from '../../request/request-context';

@Resolver()
export class TokenResolver {
  @Mutation(() => Boolean, {
    description: 'Logout: this token is refused from now on, by every server instance.',
  })
  @Auth()
  async revokeCurrentToken(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.tx.atomic(async () => {
      await ctx.stores.users.ensure();
      await ctx.revocations.revokeToken(ctx.viewer);
    });
    ctx.log.info(
      { event: 'token_revoked', scope: 'current', userId: ctx.viewer.id },
      'token revoked',
    );
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Every token of the caller issued up to now is refused from now on.',
  })
  @Auth()
  async revokeAllTokens(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.tx.atomic(async () => {
      await ctx.stores.users.ensure();
      await ctx.revocations.revokeAll(ctx.viewer);
    });
    ctx.log.info(
      { event: 'token_revoked', scope: 'all', userId: ctx.viewer.id },
      'all tokens revoked',
    );
    return true;
  }
}
