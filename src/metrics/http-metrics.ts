import type { IncomingMessage, RequestListener } from 'node:http';
import type { Metrics } from './metrics';

function pathOf(req: IncomingMessage): string | undefined {
  // A request target like `//[` is no URL at all: it is counted, never thrown.
  return URL.canParse(req.url ?? '/', 'http://localhost')
    ? new URL(req.url ?? '/', 'http://localhost').pathname
    : undefined;
}

/**
 * Counts every answer by route and status. Unknown paths share one label, so a scanner
 * trying paths cannot create time series; a 401 from /graphql is an authentication failure.
 */
export function instrumentListener(
  listener: RequestListener,
  metrics: Metrics,
  routes: readonly string[],
): RequestListener {
  const known = new Set(routes);
  return (req, res) => {
    const path = pathOf(req);
    const route = path !== undefined && known.has(path) ? path : 'other';
    const stop = metrics.httpDuration.startTimer({ route });
    metrics.httpInFlight.inc({ route });
    res.once('close', () => {
      stop();
      metrics.httpInFlight.dec({ route });
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      metrics.httpRequests.inc({ route, status });
      if (status === '401' && route === '/graphql') metrics.authFailures.inc();
    });
    listener(req, res);
  };
}
