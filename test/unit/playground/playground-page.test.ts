import type { Asset } from '../../../src/playground/playground-assets';
import { renderPlaygroundPage } from '../../../src/playground/playground-page';
import { playgroundSettings } from '../../support/playground-settings';

const assets = new Map<string, Asset>(
  [
    'react.production.min.js',
    'react-dom.production.min.js',
    'graphiql.min.js',
    'graphiql.min.css',
    'graphql-ws.min.js',
    'playground.js',
    'playground.css',
  ].map((name) => [
    name,
    { body: Buffer.alloc(0), contentType: 'x', href: `/playground/assets/${name}?v=1` },
  ]),
);

describe('renderPlaygroundPage', () => {
  it('should keep every settings value inside its data block', () => {
    const hostile = '</script><script>alert(1)</script><!-- & >';
    const html = renderPlaygroundPage(assets, {
      endpoint: '/graphql',
      headers: hostile,
      tabs: [{ query: hostile, variables: hostile }],
      lastTaskOperations: [hostile],
    });
    expect(html).not.toContain('alert(1)</script>');
    expect(html.match(/<\/script>/g)).toHaveLength(6);
    expect(playgroundSettings(html)).toEqual({
      endpoint: '/graphql',
      headers: hostile,
      tabs: [{ query: hostile, variables: hostile }],
      lastTaskOperations: [hostile],
    });
  });

  it('should link the versioned assets, scripts in dependency order', () => {
    const html = renderPlaygroundPage(assets, {
      endpoint: '/graphql',
      headers: '{}',
      tabs: [],
      lastTaskOperations: [],
    });
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([
      '/playground/assets/react.production.min.js?v=1',
      '/playground/assets/react-dom.production.min.js?v=1',
      '/playground/assets/graphiql.min.js?v=1',
      '/playground/assets/graphql-ws.min.js?v=1',
      '/playground/assets/playground.js?v=1',
    ]);
  });
});
