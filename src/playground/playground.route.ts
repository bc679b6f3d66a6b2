import type { IncomingMessage } from 'node:http';
import type { RouteHandler } from '../http/router';
import { baseHeaders, sendJson } from '../http/send';
import { ASSET_NAMES, ASSET_PREFIX, loadAssets } from './playground-assets';
import { PLAYGROUND_CSP, renderPlaygroundPage } from './playground-page';
import { LAST_TASK_OPERATIONS, PLAYGROUND_TABS } from './playground-tabs';

export interface PlaygroundOptions {
  /** Development's demo token, pre-filled; undefined (staging): users paste their own. */
  readonly devToken: string | undefined;
  /** The interface the server listens on: besides loopback, the one host the page is for. */
  readonly listenHost: string;
}

export interface Playground {
  /** The asset routes, to add to the router. */
  readonly routes: Record<string, RouteHandler>;
  /** Wraps the /graphql route: a browser's page request gets GraphiQL, the rest `next`. */
  withPage(next: RouteHandler): RouteHandler;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const YEAR = 365 * 24 * 3600;

/**
 * The page hands out a token, so it is served only to requests naming this server: a page
 * on another site that rebinds its DNS name to 127.0.0.1 still sends its own Host.
 */
function hostAllowed(req: IncomingMessage, listenHost: string): boolean {
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  const wildcard = listenHost === '0.0.0.0' || listenHost === '::';
  return LOOPBACK.has(host) || (!wildcard && host === listenHost.toLowerCase());
}

function wantsPage(req: IncomingMessage, url: URL): boolean {
  return (
    req.method === 'GET' &&
    !url.searchParams.has('query') &&
    (req.headers.accept ?? '').toLowerCase().includes('text/html')
  );
}

const assetRoute =
  (name: string): RouteHandler =>
  async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const headers = { ...baseHeaders('-'), allow: 'GET, HEAD' };
      sendJson(res, 405, { error: 'method not allowed' }, headers);
      return;
    }
    const asset = (await loadAssets()).get(name)!;
    res.writeHead(200, {
      ...baseHeaders('-'),
      'content-type': asset.contentType,
      'content-length': String(asset.body.length),
      // The page links each file with a content hash in its query: a new file, a new URL.
      'cache-control': `public, max-age=${YEAR}, immutable`,
      'cross-origin-resource-policy': 'same-origin',
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };

/** GraphiQL for development, working offline: its files come from node_modules, not a CDN. */
export function createPlayground({ devToken, listenHost }: PlaygroundOptions): Playground {
  const routes = Object.fromEntries(
    ASSET_NAMES.map((name) => [`${ASSET_PREFIX}${name}`, assetRoute(name)]),
  );
  const headers = JSON.stringify(
    { Authorization: `Bearer ${devToken ?? 'paste-your-token-here'}` },
    null,
    2,
  );
  return {
    routes,
    withPage: (next) => async (req, res, url) => {
      // Only a page carrying the demo token is kept to this server's own host names.
      if (!wantsPage(req, url)) return next(req, res, url);
      if (devToken && !hostAllowed(req, listenHost)) return next(req, res, url);
      const page = renderPlaygroundPage(await loadAssets(), {
        endpoint: url.pathname,
        headers,
        tabs: PLAYGROUND_TABS,
        lastTaskOperations: LAST_TASK_OPERATIONS,
      });
      res.writeHead(200, {
        ...baseHeaders('-'),
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(Buffer.byteLength(page)),
        'content-security-policy': PLAYGROUND_CSP,
        'x-frame-options': 'DENY',
        'cross-origin-opener-policy': 'same-origin',
        vary: 'Accept',
      });
      res.end(page);
    },
  };
}
