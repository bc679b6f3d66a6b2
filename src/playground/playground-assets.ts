import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PLAYGROUND_SCRIPT, PLAYGROUND_STYLE } from './playground-browser';

export const ASSET_PREFIX = '/playground/assets/';

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  /** The URL the page links, versioned by content so it may be cached for a year. */
  readonly href: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

const fromPackage = (pkg: string, file: string) => () =>
  readFile(join(dirname(require.resolve(`${pkg}/package.json`)), file));
const inline = (text: string) => async () => Buffer.from(text, 'utf8');

/** The only files served: a fixed list, so no request can name another file on disk. */
const SOURCES: Record<string, { contentType: string; load: () => Promise<Buffer> }> = {
  'react.production.min.js': {
    contentType: JS,
    load: fromPackage('react', 'umd/react.production.min.js'),
  },
  'react-dom.production.min.js': {
    contentType: JS,
    load: fromPackage('react-dom', 'umd/react-dom.production.min.js'),
  },
  'graphiql.min.js': { contentType: JS, load: fromPackage('graphiql', 'graphiql.min.js') },
  'graphiql.min.css': { contentType: CSS, load: fromPackage('graphiql', 'graphiql.min.css') },
  'graphql-ws.min.js': {
    contentType: JS,
    load: fromPackage('graphql-ws', 'umd/graphql-ws.min.js'),
  },
  'playground.js': { contentType: JS, load: inline(PLAYGROUND_SCRIPT) },
  'playground.css': { contentType: CSS, load: inline(PLAYGROUND_STYLE) },
};

export const ASSET_NAMES = Object.keys(SOURCES);

let loaded: Promise<ReadonlyMap<string, Asset>> | undefined;

/** Read on first use (a server that never shows the page never reads them), then kept. */
export function loadAssets(): Promise<ReadonlyMap<string, Asset>> {
  loaded ??= Promise.all(
    Object.entries(SOURCES).map(async ([name, { contentType, load }]) => {
      const body = await load();
      const version = createHash('sha256').update(body).digest('hex').slice(0, 16);
      return [name, { body, contentType, href: `${ASSET_PREFIX}${name}?v=${version}` }] as const;
    }),
  ).then((entries) => new Map(entries));
  // A failed read (a broken install) is retried next time rather than remembered.
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
