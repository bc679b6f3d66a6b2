import type { Asset } from './playground-assets';
import type { PlaygroundTab } from './playground-tabs';

/**
 * As strict as GraphiQL 3 allows: everything from this origin, fonts as data: URIs (its
 * stylesheet embeds them), no framing, no plugins, no inline script.
 */
export const PLAYGROUND_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface PageSettings {
  readonly endpoint: string;
  /** The header editor's text: JSON, the dev token's Authorization header. */
  readonly headers: string;
  readonly tabs: readonly PlaygroundTab[];
  /** Operations whose missing $id the page fills with the id of the task created last. */
  readonly lastTaskOperations: readonly string[];
}

/** `<` escaped, so no string in the settings can close the data block it sits in. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

export function renderPlaygroundPage(
  assets: ReadonlyMap<string, Asset>,
  settings: PageSettings,
): string {
  const href = (name: string) => assets.get(name)!.href;
  const script = (name: string) => `<script src="${href(name)}"></script>`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <link rel="icon" href="data:," />
    <title>Task API · GraphiQL</title>
    <link rel="stylesheet" href="${href('graphiql.min.css')}" />
    <link rel="stylesheet" href="${href('playground.css')}" />
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script type="application/json" id="playground-settings">${jsonForHtml(settings)}</script>
    ${script('react.production.min.js')}
    ${script('react-dom.production.min.js')}
    ${script('graphiql.min.js')}
    ${script('graphql-ws.min.js')}
    ${script('playground.js')}
  </body>
</html>
`;
}
