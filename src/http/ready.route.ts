import type { Logger } from '../log/logger';
import type { RouteHandler } from './router';
import { baseHeaders, sendJson } from './send';

export interface ReadinessOptions {
  /** Resolves to true when the database answers and is migrated. */
  readonly isReady: () => Promise<boolean>;
  /** True once shutdown began: load balancers stop sending before connections close. */
  readonly isDraining: () => boolean;
  readonly log: Logger;
}

async function check(isReady: () => Promise<boolean>, log: Logger): Promise<boolean> {
  try {
    if (await isReady()) return true;
    log.warn({ event: 'not_ready' }, 'database slow or not migrated');
  } catch (error) {
    log.warn({ event: 'not_ready', err: error }, 'database unreachable');
  }
  return false;
}

/** Readiness: 200 when this instance can serve, 503 otherwise; no token, and why only in the log. */
export function createReadyRoute({ isReady, isDraining, log }: ReadinessOptions): RouteHandler {
  return async (req, res) => {
    const headers = baseHeaders('-');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { ...headers, allow: 'GET, HEAD' });
      return;
    }
    const ready = !isDraining() && (await check(isReady, log));
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' }, headers);
  };
}
