import { InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * Tasks and users are normalised by id (`Task:<id>`, `User:<sub>`), so an updated task
 * shows up in every list holding it. Each connection is one cached list per filter and
 * order: `first`/`after` and `last`/`before` only say which page, and fetchMore appends
 * pages after (or prepends pages before) the cursor they start from.
 */
export function createTaskCache(): InMemoryCache {
  const tasks = relayStylePagination(['filter', 'orderBy']);
  const projects = relayStylePagination(['orderBy']);
  return new InMemoryCache({
    // node(id:) answers the Node interface: fragments on its types need to know them.
    possibleTypes: { Node: ['Task', 'Project', 'Tag'] },
    typePolicies: {
      Query: { fields: { tasks, projects } },
      User: { fields: { tasks, projects } },
      Project: { fields: { tasks } },
      Tag: { fields: { tasks } },
    },
  });
}
