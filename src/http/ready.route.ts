import { isDatabaseUnavailable } from '../db/database-unavailable';
import type { OutageLog } from '../db/outage-log';
import type { Logger } from '../log/logger';
import type { RouteHandler } from './router';
import { baseHeaders, sendJson } from './send';

export interface ReadinessOptions {
  /** Resolves to true when the database answers and is migrated. */
  readonly isReady: () => Promise<boolean>;
  /** True once shutdown began: load balancers stop sending before connections close. */
  readonly isDraining: () => boolean;
  readonly log: Logger;
  /** Told, like requests tell it, when the database cannot be reached and when it can. */
  readonly outage?: OutageLog;
}

async function check(
  isReady: () => Promise<boolean>,
  log: Logger,
  outage: OutageLog | undefined,
): Promise<boolean> {
  const startedAt = outage?.now() ?? 0;
  try {
    if (await isReady()) {
      outage?.served(startedAt);
      return true;
    }
    log.warn({ event: 'not_ready' }, 'database slow or not migrated');
  } catch (error) {
    // Probes come every few seconds: an outage is one line, however long it lasts.
    if (outage && isDatabaseUnavailable(error)) outage.failed(error);
    else log.warn({ event: 'not_ready', err: error }, 'database unreachable');
  }
  return false;
}

/** Readiness: 200 when this instance can serve, 503 otherwise; no token, and why only in the log. */
export function createReadyRoute({
  isReady,
  isDraining,
  log,
  outage,
}: ReadinessOptions): RouteHandler {
  return async (req, res) => {
    const headers = baseHeaders('-');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { ...headers, allow: 'GET, HEAD' });
      return;
    }
    const ready = !isDraining() && (await check(isReady, log, outage));
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' }, headers);
  };
}
