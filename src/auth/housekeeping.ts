import type { DataSource } from 'typeorm';
import { HOUSEKEEPING_ROLE } from '../db/housekeeping-role';
import type { Logger } from '../log/logger';
import { PURGE_EXPIRED_REVOCATIONS } from './revocation.store';

const PURGES = [
  // The housekeeping role's policies let it see and delete expired revocations only.
  PURGE_EXPIRED_REVOCATIONS,
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
        // As the housekeeping role, so the policies decide whoever the connecting owner is.
        await dataSource.transaction(async (manager) => {
          await manager.query(`SET LOCAL ROLE ${HOUSEKEEPING_ROLE}`);
          await manager.query(sql);
        });
      } catch (error) {
        log.warn({ event: 'housekeeping_failed', err: error }, 'purge failed');
      }
    }
  };
  const timer = setInterval(() => void purge(), everyMs);
  timer.unref();
  return { purge, stop: () => clearInterval(timer) };
}
