import type { Config } from '../config';
import { signToken } from './token-signer';

export const DEV_USER = { sub: 'demo-user', email: 'demo@example.com', name: 'Demo User' };
const DEV_TOKEN_TTL_SECONDS = 12 * 3600;

/**
 * Outside production: a token for a demo user, printed at start-up and pre-filled in the
 * playground, so trying the API needs no sign-in. undefined in production.
 */
export async function mintDevToken(
  secret: string,
  config: Pick<Config, 'isProduction' | 'maxTokenTtlSeconds' | 'jwtIssuer' | 'jwtAudience'>,
): Promise<string | undefined> {
  if (config.isProduction) return undefined;
  return signToken(secret, {
    ...DEV_USER,
    ttlSeconds: Math.min(config.maxTokenTtlSeconds, DEV_TOKEN_TTL_SECONDS),
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
  });
}
