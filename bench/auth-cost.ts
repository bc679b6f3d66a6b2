import { performance } from 'node:perf_hooks';
import { TokenVerifier } from '../src/auth/token-verifier';
import { round, summarize } from './percentiles';

export interface AuthCost {
  /** One HS256 verification the verifier has not seen (signature and claims checked). */
  readonly firstVerifyMsP50: number;
  /** The same token again: the verifier's cache of verified tokens answers. */
  readonly cachedVerifyMsP50: number;
}

/**
 * The CPU part of auth, measured in this process with the server's own TokenVerifier: what
 * Server-Timing's auth adds on top of the revocation check's round trip.
 */
export async function measureAuthCost(
  secret: string,
  tokens: readonly string[],
): Promise<AuthCost> {
  const verifier = new TokenVerifier({ secret, maxTtlSeconds: 24 * 3600 });
  const time = async (token: string) => {
    const started = performance.now();
    await verifier.verify(token);
    return performance.now() - started;
  };
  const first: number[] = [];
  const cached: number[] = [];
  for (const token of tokens) first.push(await time(token));
  for (const token of tokens) cached.push(await time(token));
  return {
    firstVerifyMsP50: round(summarize(first).p50, 4),
    cachedVerifyMsP50: round(summarize(cached).p50, 4),
  };
}
