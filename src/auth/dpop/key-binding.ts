import type { Viewer } from '../viewer';
import { verifyDpopProof, type DpopPolicy } from './dpop-proof';
import { DpopRejectedError } from './dpop-rejected';

export type AuthScheme = 'Bearer' | 'DPoP';

export interface PresentedToken {
  readonly scheme: AuthScheme;
  readonly token: string;
  /** Every DPoP header value received. */
  readonly proofs: readonly string[] | undefined;
  readonly method: string;
  /** The URLs naming this server for the request (see DpopCheck.urls). */
  readonly urls: readonly string[];
}

export interface KeyBindingPolicy extends DpopPolicy {
  /** REQUIRE_DPOP: refuse plain bearer tokens altogether. */
  readonly required: boolean;
}

/**
 * RFC 9449 §7: a token bound to a key (cnf.jkt) is only good with the DPoP scheme and a
 * fresh proof by that key for this very request; a stolen copy alone is worthless. An
 * unbound token under the DPoP scheme is a confused client, and is refused too.
 */
export async function checkKeyBinding(
  viewer: Viewer,
  presented: PresentedToken,
  policy: KeyBindingPolicy,
): Promise<void> {
  if (viewer.boundKey === null) {
    if (presented.scheme === 'DPoP') throw new DpopRejectedError('dpop_unbound');
    if (policy.required) throw new DpopRejectedError('dpop_required');
    return;
  }
  if (presented.scheme !== 'DPoP') throw new DpopRejectedError('dpop_scheme');
  await verifyDpopProof(
    {
      proofs: presented.proofs,
      method: presented.method,
      urls: presented.urls,
      accessToken: presented.token,
      jkt: viewer.boundKey,
    },
    policy,
  );
}
