import type { RequestTransaction } from '../db/request-transaction';
import type { Viewer } from './viewer';

/**
 * The revocation check as one statement: the token by id, or every token of the user
 * issued up to a cutoff. Exported so the request's transaction can send it in its opening
 * round trip (context-factory.ts); isRevoked runs the same statement on its own.
 */
export function revocationCheck(viewer: Viewer) {
  return {
    // A function (migration 1764000000003): its plan is reused, this text's would not be.
    sql: `SELECT token_revoked($1, $2, $3) AS revoked`,
    params: [viewer.id, viewer.tokenId, viewer.issuedAt],
  };
}

/**
 * Revocations live in PostgreSQL, so every instance over the database refuses a revoked
 * token on its very next request. Rows are the user's own under RLS like any other.
 */
export class RevocationStore {
  constructor(private readonly tx: RequestTransaction) {}

  /** One statement: the token by id, or every token of the user issued up to a cutoff. */
  async isRevoked(viewer: Viewer): Promise<boolean> {
    const { sql, params } = revocationCheck(viewer);
    const [row] = await this.tx.query<{ revoked: boolean }>(sql, params);
    return row?.revoked === true;
  }

  /** Refuses this token until it expires; expired entries are purged on the way. */
  async revokeToken(viewer: Viewer): Promise<void> {
    await this.tx.query(`DELETE FROM revoked_tokens WHERE expires_at < now()`);
    await this.tx.query(
      `INSERT INTO revoked_tokens (user_id, token_id, expires_at) VALUES ($1, $2, to_timestamp($3))
       ON CONFLICT (user_id, token_id) DO NOTHING`,
      [viewer.id, viewer.tokenId, viewer.expiresAt],
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
