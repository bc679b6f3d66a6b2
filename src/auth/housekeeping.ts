import type { DataSource } from 'typeorm';
import type { Logger } from '../log/logger';

const PURGES = [
  // Allowed for expired rows by the revoked_tokens_purge_expired policy, even under FORCE RLS.
  `DELETE FROM revoked_tokens WHERE expires_at < now()`,
  `DELETE FROM dpop_proofs WHERE expires_at < now()`,
];

/**
 * Purges expired revocations and DPoP proof ids now and then. Any instance may run it:
 * the statements are idempotent and an expired entry guards nothing.
 */
export function startHousekeeping(dataSource: DataSource, log: Logger, everyMs = 10 * 60_000) {
  const purge = async () => {
    for (const sql of PURGES) {
      try {
        await dataSource.query(sql);
      } catch (error) {
        log.warn({ event: 'housekeeping_failed', err: error }, 'purge failed');
      }
    }
  };
  const timer = setInterval(() => void purge(), everyMs);
  timer.unref();
  return { purge, stop: () => clearInterval(timer) };
}
