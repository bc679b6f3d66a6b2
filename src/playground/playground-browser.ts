/**
 * What runs in the browser, served as files of our own: the page's Content-Security-Policy
 * allows scripts and styles from this origin only, so nothing may be inline. The settings
 * come from a JSON data block, which is data, not script.
 */
export const PLAYGROUND_SCRIPT = `'use strict';
(function () {
  var settings = JSON.parse(document.getElementById('playground-settings').textContent);
  var fetcher = GraphiQL.createFetcher({ url: settings.endpoint });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: settings.tabs,
      defaultHeaders: settings.headers,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

export const PLAYGROUND_STYLE = `html, body, #graphiql { height: 100%; margin: 0; }
`;
