import { InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * Tasks and users are normalised by id (`Task:<id>`, `User:<sub>`), so an updated task
 * shows up in every list holding it. Each connection is one cached list per filter and
 * order: `first` and `after` only say which page, and fetchMore appends pages after the
 * cursor they start from.
 */
export function createTaskCache(): InMemoryCache {
  const connection = relayStylePagination(['filter', 'orderBy']);
  return new InMemoryCache({
    typePolicies: {
      Query: { fields: { tasks: connection, projects: relayStylePagination() } },
      User: { fields: { tasks: connection, projects: relayStylePagination() } },
      Project: { fields: { tasks: connection } },
      Tag: { fields: { tasks: relayStylePagination() } },
    },
  });
}
