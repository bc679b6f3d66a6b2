import { TokenRejectedError, type TokenRejectReason } from './token-rejected';

/** Maps whatever jose throws to a reason; anything unexpected is just 'malformed'. */
export function reasonFor(error: unknown): TokenRejectReason {
  if (error instanceof TokenRejectedError) return error.reason;
  const { code, claim, reason } = (error ?? {}) as {
    code?: unknown;
    claim?: unknown;
    reason?: unknown;
  };
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad_signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'alg_not_allowed';
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return 'missing_claim';
      if (claim === 'nbf') return 'not_yet_valid';
      if (claim === 'iss') return 'bad_issuer';
      if (claim === 'aud') return 'bad_audience';
      return 'malformed';
    default:
      return 'malformed';
  }
}
