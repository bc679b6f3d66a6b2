import { firstValueFrom, from } from 'rxjs';
import { filter } from 'rxjs/operators';
import WebSocket from 'ws';
import { ApolloClient, type ObservableQuery } from '@apollo/client';
import { createLiveLink } from '../../../examples/apollo-client/live.link';
import { keepTasksLive } from '../../../examples/apollo-client/live-tasks';
import { createTaskCache } from '../../../examples/apollo-client/task.cache';
import {
  TasksDocument,
  type TasksQuery,
  type TasksQueryVariables,
} from '../../../examples/apollo-client/generated/graphql';
import { createTask, ok } from '../../support/api';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

// Node 20 has no global WebSocket; Apollo's GraphQLWsLink reads it when a socket errors.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

type Watched = ObservableQuery<TasksQuery, TasksQueryVariables>;

/** The titles of the first complete list result that satisfies `ok`. */
async function titlesWhen(query: Watched, ok: (titles: string[]) => boolean): Promise<string[]> {
  const result = await firstValueFrom(
    from(query).pipe(
      filter((r) => r.dataState === 'complete'),
      filter((r) => ok(r.data!.tasks.edges.map((e) => e.node.title))),
    ),
  );
  return result.data!.tasks.edges.map((e) => e.node.title);
}

describe.each(TEST_TARGETS)('Apollo Client live list on $name', (target) => {
  const server = useTestServer(target);

  it("should keep a watched task list in step with the user's writes on another device, and only theirs", async () => {
    const alice = await server.user();
    const bob = await server.user();
    const { link, socket } = createLiveLink({
      uri: server.url,
      getToken: () => alice.token,
      webSocketImpl: WebSocket,
    });
    const client = new ApolloClient({ link, cache: createTaskCache() });
    const list = client.watchQuery({
      query: TasksDocument,
      variables: { first: 20, orderBy: { field: 'CREATED_AT', direction: 'ASC' } },
    });
    // A list on screen: watched for the whole test, so refetches include it.
    const onScreen = list.subscribe(() => undefined);
    const live = keepTasksLive(client);
    try {
      expect(await titlesWhen(list, () => true)).toEqual([]);
      // The socket is open and subscribed once the server counts the subscription.
      for (let i = 0; i < 50; i += 1) {
        if (
          (await server.app.metrics.registry.metrics()).includes(
            'task_api_ws_active_subscriptions 1',
          )
        )
          break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const task = await createTask(alice, { title: 'from the phone' });
      await createTask(bob, { title: "bob's" });
      expect(await titlesWhen(list, (t) => t.length === 1)).toEqual(['from the phone']);
      ok(
        await alice.gql(
          'mutation($id: ID!) { updateTask(id: $id, input: { title: "renamed" }) { id } }',
          {
            id: task.id,
          },
        ),
      );
      expect(await titlesWhen(list, (t) => t[0] === 'renamed')).toEqual(['renamed']);
      ok(await alice.gql('mutation($id: ID!) { deleteTask(id: $id) }', { id: task.id }));
      expect(await titlesWhen(list, (t) => t.length === 0)).toEqual([]);
    } finally {
      live.unsubscribe();
      onScreen.unsubscribe();
      await socket.dispose();
      client.stop();
    }
  });
});
