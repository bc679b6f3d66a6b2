/**
 * What runs in the browser, served as files of our own: the page's Content-Security-Policy
 * allows scripts and styles from this origin only, so nothing may be inline. The settings
 * come from a JSON data block, which is data, not script.
 */
export const PLAYGROUND_SCRIPT = `'use strict';
(function () {
  var settings = JSON.parse(document.getElementById('playground-settings').textContent);
  var LAST_TASK = 'task-api:last-created-task-id';
  // No incremental delivery (the API answers no @defer): answers are plain JSON promises.
  var base = GraphiQL.createFetcher({ url: settings.endpoint, enableIncrementalDelivery: false });
  var OPERATION_NAME = /\\b(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)/g;
  // GraphiQL 3 can send the previous tab's operation name after a tab switch; a name the
  // document does not define is replaced by its only operation, or dropped.
  var operationIn = function (query, name) {
    var names = [];
    var match;
    OPERATION_NAME.lastIndex = 0;
    while ((match = OPERATION_NAME.exec(query))) names.push(match[1]);
    if (!name || names.indexOf(name) >= 0) return name;
    return names.length === 1 ? names[0] : undefined;
  };
  var httpFetcher = function (params, options) {
    params = Object.assign({}, params, {
      operationName: operationIn(params.query || '', params.operationName),
    });
    // CompleteTask and DeleteTask cannot know an id: without one in their variables they
    // take the task CreateTask made last.
    var last = window.localStorage.getItem(LAST_TASK);
    var variables = params.variables || {};
    if (settings.lastTaskOperations.indexOf(params.operationName) >= 0 && variables.id == null && last) {
      params = Object.assign({}, params, { variables: Object.assign({}, variables, { id: last }) });
    }
    var result = base(params, options);
    if (!result || typeof result.then !== 'function') return result;
    return result.then(function (answer) {
      var created = answer && answer.data && answer.data.createTask;
      if (created && created.id) window.localStorage.setItem(LAST_TASK, created.id);
      return answer;
    });
  };
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
    params = Object.assign({}, params, {
      operationName: operationIn(params.query || '', params.operationName),
    });
    if (!isSubscription(params, opts)) return httpFetcher(params, opts);
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
  // One set of headers for every tab: what was last typed into any tab's headers is kept
  // (localStorage), shown in every tab on load and on each switch, and given to new tabs.
  var SHARED_HEADERS = 'task-api:headers';
  var TAB_STATE = 'graphiql:tabState';
  var shared = window.localStorage.getItem(SHARED_HEADERS) || settings.headers;
  // GraphiQL keeps headers per tab: its stored tabs are read back with the shared ones.
  var storage = {
    getItem: function (key) {
      var value = window.localStorage.getItem(key);
      if (key !== TAB_STATE || !value) return value;
      try {
        var state = JSON.parse(value);
        state.tabs.forEach(function (tab) { tab.headers = shared; });
        return JSON.stringify(state);
      } catch (error) {
        return value;
      }
    },
    setItem: function (key, value) { window.localStorage.setItem(key, value); },
    removeItem: function (key) { window.localStorage.removeItem(key); },
    clear: function () { window.localStorage.clear(); },
    get length() { return window.localStorage.length; },
  };
  function Playground() {
    // GraphiQL replaces the headers editor's text whenever this prop changes: a switch to
    // another tab clears it, then sets the shared text again.
    var synced = React.useState(undefined);
    var headers = synced[0];
    var setHeaders = synced[1];
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      storage: storage,
      defaultTabs: settings.tabs,
      defaultHeaders: shared,
      headers: headers,
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      // A token pasted into the headers survives a reload (GraphiQL's localStorage).
      shouldPersistHeaders: true,
      onEditHeaders: function (text) {
        shared = text;
        window.localStorage.setItem(SHARED_HEADERS, text);
      },
      onTabChange: function () {
        setHeaders(undefined);
        setTimeout(function () { setHeaders(shared); }, 0);
      },
    });
  }
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(Playground));
})();
`;

export const PLAYGROUND_STYLE = `html, body, #graphiql { height: 100%; margin: 0; }
`;
