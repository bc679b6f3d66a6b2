import type { RouteHandler } from './router';
import { baseHeaders, sendJson } from './send';

/** Liveness: answers without a token and says nothing but that the process serves. */
export const healthRoute: RouteHandler = (req, res) => {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(
      res,
      405,
      { error: 'method not allowed' },
      { ...baseHeaders('-'), allow: 'GET, HEAD' },
    );
    return;
  }
  sendJson(res, 200, { status: 'ok' }, baseHeaders('-'));
};
