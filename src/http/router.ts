import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { baseHeaders, sendJson } from './send';

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => void | Promise<void>;

/**
 * Routes by exact path; each handler checks its own methods. Unknown paths answer 404.
 * `track` is given each handler's work (the graceful close waits for it).
 */
export function createRouter(
  routes: Record<string, RouteHandler>,
  track: (work: Promise<void>) => Promise<void> = (work) => work,
): RequestListener {
  return (req, res) => {
    // A target such as `//[` is no URL: thrown from here, it would end the whole process.
    if (!URL.canParse(req.url ?? '/', 'http://localhost')) {
      sendJson(res, 400, { error: 'bad request' }, baseHeaders('-'));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    if (!handler) {
      sendJson(res, 404, { error: 'not found' }, baseHeaders('-'));
      return;
    }
    // Inside the executor, a handler that throws before it returns a promise is caught too.
    void track(
      new Promise<void>((resolve) => resolve(handler(req, res, url))).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' }, baseHeaders('-'));
        else res.destroy();
      }),
    );
  };
}
