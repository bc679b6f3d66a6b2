import type { RouteHandler } from './router';
import { baseHeaders } from './send';

const METHODS = 'GET, POST, OPTIONS';
const REQUEST_HEADERS =
  'authorization, content-type, dpop, apollo-require-preflight, x-apollo-operation-name';
const EXPOSED_HEADERS = 'x-request-id, retry-after, www-authenticate';

/**
 * CORS for the listed origins only; any other origin gets no CORS header at all, so a browser
 * keeps the answer from its page. Preflights carry no token by design and are answered here,
 * before authentication; they run nothing.
 */
export function withCors(origins: readonly string[], handler: RouteHandler): RouteHandler {
  const allowed = new Set(origins);
  return (req, res, url) => {
    const origin = req.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    res.setHeader('vary', 'Origin');
    if (permitted) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    if (req.method !== 'OPTIONS') return handler(req, res, url);
    const headers: Record<string, string> = { ...baseHeaders('-'), allow: METHODS };
    if (permitted) {
      headers['access-control-allow-methods'] = METHODS;
      headers['access-control-allow-headers'] = REQUEST_HEADERS;
      headers['access-control-max-age'] = '600';
    }
    res.writeHead(origin === undefined || permitted ? 204 : 403, headers);
    res.end();
  };
}
