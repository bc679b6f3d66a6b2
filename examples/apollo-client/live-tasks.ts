import { gql, type ApolloClient } from '@apollo/client';
import { TaskChangedDocument } from './generated/graphql';

// TaskChanged lives in operations/tasks.graphql: generated, typed and in the persisted
// query manifest, so the live list also runs against a server in trusted-documents mode.

const LIVE_TASK = gql`
  fragment LiveTask on Task {
    id
    title
    completed
    updatedAt
  }
`;

/**
 * Keeps the cached task lists live: an UPDATED task is written into the cache by its id
 * (every list showing it re-renders); a CREATED or DELETED one changes which tasks a list
 * holds and where, which only the server can say, so the lists on screen are refetched.
 * Answers the subscription: call unsubscribe() when the view goes away.
 */
export function keepTasksLive(client: ApolloClient, projectId?: string) {
  return (
    client
      // Not through the cache: a change has no id of its own; it is applied below by task id.
      .subscribe({ query: TaskChangedDocument, variables: { projectId }, fetchPolicy: 'no-cache' })
      .subscribe({
        next: ({ data }) => {
          const change = data?.taskChanged;
          if (!change) return;
          if (change.kind === 'UPDATED' && change.task) {
            client.cache.writeFragment({ fragment: LIVE_TASK, data: change.task });
            return;
          }
          if (change.kind === 'DELETED') {
            client.cache.evict({
              id: client.cache.identify({ __typename: 'Task', id: change.taskId }),
            });
            client.cache.gc();
          }
          void client.refetchQueries({ include: ['Tasks'] });
        },
      })
  );
}
