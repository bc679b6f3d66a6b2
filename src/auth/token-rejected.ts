/** No legitimate token comes near this; anything bigger is refused before any parsing. */
export const MAX_TOKEN_BYTES = 8192;

export type TokenRejectReason =
  | 'missing'
  | 'malformed_header'
  | 'duplicate_header'
  | 'too_large'
  | 'malformed'
  | 'non_canonical'
  | 'alg_not_allowed'
  | 'forbidden_header'
  | 'bad_signature'
  | 'unknown_kid'
  | 'jwks_unreachable'
  | 'jwks_invalid'
  | 'expired'
  | 'not_yet_valid'
  | 'iat_in_future'
  | 'missing_claim'
  | 'bad_sub'
  | 'bad_scope'
  | 'bad_issuer'
  | 'bad_audience'
  | 'ttl_too_long';

/**
 * Why a token was refused, for the log only: clients always get the one generic
 * UnauthenticatedError so a probe learns nothing about which check failed.
 */
export class TokenRejectedError extends Error {
  constructor(readonly reason: TokenRejectReason) {
    super(`Token rejected: ${reason}`);
    this.name = 'TokenRejectedError';
  }
}

/** Refuses the token being verified; the verifier turns this into its one rejection. */
export function reject(reason: TokenRejectReason): never {
  throw new TokenRejectedError(reason);
}
