import { REVOCATION_CHANNEL } from '../db/notify-channels';
import type { RequestTransaction } from '../db/request-transaction';

// Children before parents, each by its owner column (the first wall; RLS is the second).
const ERASE = [
  `DELETE FROM task_tags WHERE owner_id = $1`,
  `DELETE FROM tasks WHERE owner_id = $1`,
  `DELETE FROM tags WHERE owner_id = $1`,
  `DELETE FROM projects WHERE owner_id = $1`,
  `DELETE FROM revoked_tokens WHERE user_id = $1`,
  `DELETE FROM token_cutoffs WHERE user_id = $1`,
  `DELETE FROM users WHERE id = $1`,
  // Every token issued up to now stays refused, also one whose issuer's clock runs up to the
  // verifier's 30 s tolerance ahead; only a digest of the id is kept for it.
  `INSERT INTO deleted_accounts (subject_digest, issued_at_or_before)
   VALUES (encode(sha256(convert_to($1, 'UTF8')), 'hex'),
           floor(extract(epoch FROM clock_timestamp()))::bigint + 30)
   ON CONFLICT (subject_digest) DO UPDATE SET issued_at_or_before =
     GREATEST(deleted_accounts.issued_at_or_before, EXCLUDED.issued_at_or_before)`,
  // Announced like revokeAllTokens (sent at commit only), so the user's live sockets close on
  // every instance: the cutoff row itself was just erased, so no trigger announces it.
  `SELECT pg_notify('${REVOCATION_CHANNEL}', json_build_array('cutoff', $1::text,
     floor(extract(epoch FROM clock_timestamp()))::bigint + 30)::text)`,
];

/**
 * Erases every row of the transaction's user and refuses their tokens, all or nothing.
 * Idempotent: erasing an account again (a retried server-to-server call) changes nothing.
 */
export async function eraseAccount(tx: RequestTransaction): Promise<void> {
  await tx.atomic(async () => {
    for (const sql of ERASE) await tx.query(sql, [tx.viewerId]);
  });
}
