import type { RequestListener, Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log/logger';

export interface GracefulClose {
  /** True from the moment close() is called: readiness answers 503 from then on. */
  isDraining(): boolean;
  /** Answers given while draining carry `Connection: close`, so clients reconnect elsewhere. */
  wrap(listener: RequestListener): RequestListener;
  /**
   * Stops accepting connections, lets requests in flight finish for up to timeoutMs, then
   * cuts whatever is left. Resolves when no connection remains.
   */
  close(server: Server): Promise<void>;
}

export function createGracefulClose({
  timeoutMs,
  log,
}: {
  timeoutMs: number;
  log: Logger;
}): GracefulClose {
  let draining = false;
  return {
    isDraining: () => draining,
    wrap: (listener) => (req, res) => {
      if (draining) res.shouldKeepAlive = false;
      listener(req, res);
    },
    async close(server) {
      draining = true;
      // close() refuses new connections at once and drops idle keep-alive ones.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const abort = new AbortController();
      const finished = await Promise.race([
        closed.then(() => true),
        sleep(timeoutMs, false, { signal: abort.signal }).catch(() => true),
      ]);
      abort.abort();
      if (!finished) {
        log.warn({ event: 'shutdown_timeout', timeoutMs }, 'requests still running: cut');
        server.closeAllConnections();
        await closed;
      }
    },
  };
}
