import type { RequestListener, Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log/logger';

export interface GracefulClose {
  /** True from the moment close() is called: readiness answers 503 from then on. */
  isDraining(): boolean;
  /** Answers given while draining carry `Connection: close`, so clients reconnect elsewhere. */
  wrap(listener: RequestListener): RequestListener;
  /**
   * A request's work, waited for by close() like the connections: a client that hangs up
   * closes its connection while its request still runs, and what close() stops next (Apollo,
   * the database) must not go from under it.
   */
  track(work: Promise<void>): Promise<void>;
  /**
   * Stops accepting connections, lets requests in flight finish for up to timeoutMs, then
   * cuts whatever is left. Resolves when no connection remains and no tracked work runs (or,
   * past the timeout, once the connections are cut).
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
  const inFlight = new Set<Promise<void>>();
  return {
    isDraining: () => draining,
    wrap: (listener) => (req, res) => {
      if (draining) res.shouldKeepAlive = false;
      listener(req, res);
    },
    track(work) {
      inFlight.add(work);
      const done = () => inFlight.delete(work);
      work.then(done, done);
      return work;
    },
    async close(server) {
      draining = true;
      // close() refuses new connections at once and drops idle keep-alive ones.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // With no connection left, no request can start: what runs then is all there will be.
      const settled = closed.then(() => Promise.allSettled([...inFlight]));
      const abort = new AbortController();
      const finished = await Promise.race([
        settled.then(() => true),
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
