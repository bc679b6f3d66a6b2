import type { ApolloCache, ApolloClient, Reference } from '@apollo/client';
import {
  CreateTaskDocument,
  DeleteTaskDocument,
  UpdateTaskDocument,
  type CreateTaskInput,
  type TaskFieldsFragment,
  type UpdateTaskInput,
} from './generated/graphql';

interface CachedConnection {
  readonly edges: readonly { readonly node: Reference }[];
  readonly totalCount?: number;
}

/**
 * Creates a task. Where it belongs in a filtered, ordered list is the server's business, so
 * the cached lists are dropped: watched lists refetch their first page.
 */
export async function createTask(
  client: ApolloClient,
  input: CreateTaskInput,
): Promise<TaskFieldsFragment> {
  const { data } = await client.mutate({
    mutation: CreateTaskDocument,
    variables: { input },
    update(cache) {
      // No gc(): the new task is referenced by no list yet, and gc would drop it.
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'tasks' });
    },
  });
  return data!.createTask;
}

/** Updates a task: the answer replaces `Task:<id>`, so every list holding it shows the change. */
export async function updateTask(
  client: ApolloClient,
  id: string,
  input: UpdateTaskInput,
): Promise<TaskFieldsFragment> {
  const { data } = await client.mutate({ mutation: UpdateTaskDocument, variables: { id, input } });
  return data!.updateTask;
}

/** Deletes a task: it leaves the cache, and each cached list that held it counts one less. */
export async function deleteTask(client: ApolloClient, id: string): Promise<void> {
  await client.mutate({
    mutation: DeleteTaskDocument,
    variables: { id },
    update(cache: ApolloCache, { data }) {
      if (!data) return;
      const ref = cache.identify({ __typename: 'Task', id: data.deleteTask });
      cache.modify<Record<string, CachedConnection>>({
        id: 'ROOT_QUERY',
        fields: {
          tasks(existing) {
            const list = existing as CachedConnection;
            const edges = list.edges.filter((edge) => edge.node.__ref !== ref);
            if (edges.length === list.edges.length) return list;
            return { ...list, edges, totalCount: (list.totalCount ?? 1) - 1 };
          },
        },
      });
      cache.evict({ id: ref });
    },
  });
}
