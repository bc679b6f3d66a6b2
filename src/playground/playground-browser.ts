/**
 * What runs in the browser, served as files of our own: the page's Content-Security-Policy
 * allows scripts and styles from this origin only, so nothing may be inline. The settings
 * come from a JSON data block, which is data, not script.
 */
export const PLAYGROUND_SCRIPT = `'use strict';
(function () {
  var settings = JSON.parse(document.getElementById('playground-settings').textContent);
  var http = GraphiQL.createFetcher({ url: settings.endpoint });
  var socketUrl = new URL(settings.endpoint, location.href);
  socketUrl.protocol = socketUrl.protocol === 'https:' ? 'wss:' : 'ws:';
  function isSubscription(params, opts) {
    var definitions = (opts && opts.documentAST && opts.documentAST.definitions) || [];
    return definitions.some(function (d) {
      return d.kind === 'OperationDefinition' && d.operation === 'subscription' &&
        (!params.operationName || (d.name && d.name.value === params.operationName));
    });
  }
  // Subscriptions go over graphql-ws, one socket each, with the token from the headers editor
  // sent in connection_init as the API expects; everything else over HTTP.
  function fetcher(params, opts) {
    if (!isSubscription(params, opts)) return http(params, opts);
    var headers = (opts && opts.headers) || {};
    var authorization = headers.Authorization || headers.authorization;
    return {
      subscribe: function (observer) {
        var client = graphqlWs.createClient({
          url: socketUrl.href,
          retryAttempts: 0,
          connectionParams: authorization ? { authorization: authorization } : {},
        });
        var stop = client.subscribe(params, {
          next: function (value) { observer.next(value); },
          complete: function () { observer.complete(); },
          error: function (error) {
            var closed = error && typeof error.code === 'number';
            observer.error(closed ? new Error('Socket closed: ' + error.code + ' ' + error.reason) : error);
          },
        });
        return {
          unsubscribe: function () {
            stop();
            client.dispose();
          },
        };
      },
    };
  }
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
