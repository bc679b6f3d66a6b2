import type { RequestTransaction } from '../db/request-transaction';
import type { Viewer } from './viewer';

/**
 * The revocation check as one statement: the token by id, or every token of the user
 * issued up to a cutoff. Exported so the request's transaction can send it in its opening
 * round trip (request/context-factory.ts), the one place a token's revocation is checked.
 */
export function revocationCheck(viewer: Viewer) {
  return {
    // A function (migration 1764000000004): its plan is reused, this text's would not be.
    sql: `SELECT token_revoked($1, $2, $3, $4) AS revoked`,
    params: [viewer.id, viewer.tokenId, viewer.issuedAt, viewer.legacyTokenId ?? null],
  };
}

/**
 * Drops revocations that guard nothing any more: each entry is kept until its token could no
 * longer be accepted. Run on every revocation and by housekeeping (housekeeping.ts).
 */
export const PURGE_EXPIRED_REVOCATIONS = `DELETE FROM revoked_tokens WHERE expires_at < now()`;

/**
 * Revocations live in PostgreSQL, so every instance over the database refuses a revoked
 * token on its very next request. Rows are the user's own under RLS like any other.
 */
export class RevocationStore {
  /**
   * @param graceSeconds the verifier's clock-skew allowance: a token is accepted until
   *   exp plus this, so its revocation must be kept (and not purged) that long too.
   */
  constructor(
    private readonly tx: RequestTransaction,
    private readonly graceSeconds: number,
  ) {}

  /** Refuses this token until it can no longer be accepted; expired entries are purged. */
  async revokeToken(viewer: Viewer): Promise<void> {
    await this.tx.query(PURGE_EXPIRED_REVOCATIONS);
    // The legacy key too, so instances of the previous release refuse it during a deploy.
    const keys = [viewer.tokenId, ...(viewer.legacyTokenId ? [viewer.legacyTokenId] : [])];
    await this.tx.query(
      `INSERT INTO revoked_tokens (user_id, token_id, expires_at)
       SELECT $1, key, to_timestamp($3::double precision + $4::double precision)
       FROM unnest($2::varchar[]) AS key
       ON CONFLICT (user_id, token_id) DO NOTHING`,
      [viewer.id, keys, viewer.expiresAt, this.graceSeconds],
    );
  }

  /**
   * Refuses every token of the user issued at or before now. `iat` has one-second
   * granularity, so a token issued within the same second as the revocation is refused too.
   */
  async revokeAll(viewer: Viewer): Promise<void> {
    await this.tx.query(
      `INSERT INTO token_cutoffs (user_id, issued_at_or_before)
       VALUES ($1, floor(extract(epoch FROM clock_timestamp()))::bigint)
       ON CONFLICT (user_id) DO UPDATE SET issued_at_or_before = EXCLUDED.issued_at_or_before`,
      [viewer.id],
    );
  }
}
