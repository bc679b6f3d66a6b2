export type DpopRejectReason =
  | 'dpop_missing'
  | 'dpop_duplicate'
  | 'dpop_malformed'
  | 'dpop_bad_signature'
  | 'dpop_wrong_key'
  | 'dpop_wrong_htm'
  | 'dpop_wrong_htu'
  | 'dpop_no_public_url'
  | 'dpop_wrong_ath'
  | 'dpop_stale'
  | 'dpop_replay'
  | 'dpop_required'
  | 'dpop_scheme'
  | 'dpop_unbound';

/** Why a DPoP-bound request was refused: for the log; the client gets the generic 401. */
export class DpopRejectedError extends Error {
  constructor(readonly reason: DpopRejectReason) {
    super(`DPoP proof rejected: ${reason}`);
    this.name = 'DpopRejectedError';
  }
}

/**
 * The replay record (Redis or PostgreSQL) could not answer: the proof may be good, so this
 * is the service's failure (503), not the client's; still fail closed.
 */
export class ReplayCheckUnavailableError extends Error {
  constructor(cause: unknown) {
    super('DPoP replay record unavailable', { cause });
    this.name = 'ReplayCheckUnavailableError';
  }
}
