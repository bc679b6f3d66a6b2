import { createHash, timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { RouteHandler } from './router';
import { baseHeaders, sendJson } from './send';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Hashing first makes the comparison constant-time whatever the lengths. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^bearer (.+)$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), digest(token));
}

/** GET /metrics in Prometheus text format; with a token, only for `Bearer <token>`. */
export function createMetricsRoute(registry: Registry, token: string | undefined): RouteHandler {
  return async (req, res) => {
    const headers = baseHeaders('-');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, { ...headers, allow: 'GET, HEAD' });
      return;
    }
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      sendJson(res, 401, { error: 'unauthorized' }, { ...headers, 'www-authenticate': 'Bearer' });
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, {
      ...headers,
      'content-type': registry.contentType,
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
