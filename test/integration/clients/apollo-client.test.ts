import { firstValueFrom, from } from 'rxjs';
import { filter } from 'rxjs/operators';
import type { ApolloClient, ObservableQuery } from '@apollo/client';
import { createTaskApiClient } from '../../../examples/apollo-client/task-api.client';
import { createTask, deleteTask, updateTask } from '../../../examples/apollo-client/task.mutations';
import {
  MeDocument,
  TasksDocument,
  type TasksQuery,
  type TasksQueryVariables,
} from '../../../examples/apollo-client/generated/graphql';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

const FIRST_PAGE: TasksQueryVariables = {
  first: 2,
  orderBy: { field: 'CREATED_AT', direction: 'ASC' },
};

type Complete = ObservableQuery.Result<TasksQuery, 'complete'>;
const isComplete = (r: ObservableQuery.Result<TasksQuery>): r is Complete =>
  r.dataState === 'complete';

/** The data of the first complete result (current or coming) that satisfies the predicate. */
async function dataWhere(
  query: ObservableQuery<TasksQuery, TasksQueryVariables>,
  ok: (data: TasksQuery) => boolean,
): Promise<TasksQuery> {
  const result = await firstValueFrom(
    from(query).pipe(
      filter(isComplete),
      filter((r) => ok(r.data)),
    ),
  );
  return result.data;
}

/** The normalised cache: `Task:<id>`, `User:<sub>`, `ROOT_QUERY`. */
const cached = (client: ApolloClient) =>
  client.extract() as Record<string, Record<string, unknown>>;
const cacheKeys = (client: ApolloClient) => Object.keys(cached(client));

describe.each(TEST_TARGETS)('Apollo Client example on $name', (target) => {
  let client: ApolloClient;
  let token: string | undefined;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  const sent: string[] = [];
  const created: { id: string; title: string }[] = [];
  let watched: ObservableQuery<TasksQuery, TasksQueryVariables>;
  let keepActive: { unsubscribe(): void };

  // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
  afterAll(async () => {
    keepActive?.unsubscribe();
    client?.stop();
  });
  const server = useTestServer(target);
  beforeAll(async () => {
    alice = await server.user({ email: 'alice@example.com' });
    bob = await server.user({ email: 'bob@example.com' });
    client = createTaskApiClient({
      uri: server.url,
      getToken: () => token,
      fetch: async (input, init) => {
        sent.push(JSON.parse(String(init?.body)).operationName);
        return fetch(input, init);
      },
    });
    token = alice.token;
  });

  it('should send the bearer token and normalise the viewer by id', async () => {
    const { data } = await client.query({ query: MeDocument });
    expect(data?.me).toEqual({
      __typename: 'User',
      id: alice.id,
      email: 'alice@example.com',
      name: null,
    });
    expect(cacheKeys(client)).toContain(`User:${alice.id}`);
  });

  it('should create tasks, each stored once under Task:<id>', async () => {
    for (const title of ['one', 'two', 'three', 'four', 'five']) {
      const task = await createTask(client, { title, priority: 'HIGH' });
      expect(task).toMatchObject({ __typename: 'Task', title, priority: 'HIGH', completed: false });
      created.push({ id: task.id, title });
    }
    for (const { id, title } of created) {
      expect(client.cache.identify({ __typename: 'Task', id })).toBe(`Task:${id}`);
      expect(cached(client)[`Task:${id}`]).toMatchObject({ id, title });
    }
  });

  it('should page with fetchMore and merge the pages into one cached list', async () => {
    watched = client.watchQuery({ query: TasksDocument, variables: FIRST_PAGE });
    keepActive = watched.subscribe(() => undefined);
    let result = await dataWhere(watched, () => true);
    expect(result.tasks.edges).toHaveLength(2);
    while (result.tasks.pageInfo.hasNextPage) {
      const count = result.tasks.edges.length;
      await watched.fetchMore({ variables: { after: result.tasks.pageInfo.endCursor } });
      result = await dataWhere(watched, (data) => data.tasks.edges.length > count);
    }
    const titles = result.tasks.edges.map((edge) => edge.node.title);
    expect(titles).toEqual(created.map((task) => task.title));
    expect(result.tasks.totalCount).toBe(5);
    // The same list, read back from the cache: first and after do not split it.
    const cached = client.readQuery({ query: TasksDocument, variables: FIRST_PAGE });
    expect(cached!.tasks.edges.map((edge) => edge.node.id)).toEqual(created.map((t) => t.id));
    expect(sent.filter((name) => name === 'Tasks')).toHaveLength(3);
  });

  it('should show an update in the cached list without refetching it', async () => {
    const target = created[1]!;
    const before = sent.length;
    const updated = await updateTask(client, target.id, { title: 'two, done', completed: true });
    expect(updated).toMatchObject({ id: target.id, title: 'two, done', completed: true });
    const result = await dataWhere(watched, (data) =>
      data.tasks.edges.some((edge) => edge.node.title === 'two, done'),
    );
    const node = result.tasks.edges[1]!.node;
    expect(node).toMatchObject({ id: target.id, title: 'two, done', completed: true });
    expect(client.cache.identify(node)).toBe(`Task:${target.id}`);
    expect(result.tasks.edges).toHaveLength(5);
    expect(sent.slice(before)).toEqual(['UpdateTask']);
  });

  it('should drop a deleted task from the cache and from its lists', async () => {
    const gone = created[2]!;
    const before = sent.length;
    await deleteTask(client, gone.id);
    const result = await dataWhere(watched, (data) => data.tasks.edges.length === 4);
    expect(result.tasks.totalCount).toBe(4);
    expect(result.tasks.edges.map((edge) => edge.node.id)).not.toContain(gone.id);
    expect(cacheKeys(client)).not.toContain(`Task:${gone.id}`);
    expect(sent.slice(before)).toEqual(['DeleteTask']);
    const fresh = await client.query({
      query: TasksDocument,
      variables: FIRST_PAGE,
      fetchPolicy: 'network-only',
    });
    expect(fresh.data!.tasks.totalCount).toBe(4);
  });

  it('should refetch a watched list from its first page when a task is created', async () => {
    const before = sent.length;
    const six = await createTask(client, { title: 'six' });
    const result = await dataWhere(watched, (data) => data.tasks.totalCount === 5);
    expect(result.tasks.edges.map((edge) => edge.node.title)).toEqual(['one', 'two, done']);
    expect(sent.slice(before)).toEqual(['CreateTask', 'Tasks']);
    created.push({ id: six.id, title: 'six' });
  });

  it('should refetch the watched list as the new user after resetStore, keeping none of the old', async () => {
    await server
      .user({ sub: bob.id })
      .then((b) => b.gql('mutation { createTask(input: { title: "bob only" }) { id } }'));
    token = bob.token;
    await client.resetStore();
    const result = await dataWhere(watched, (data) =>
      data.tasks.edges.every((edge) => edge.node.title === 'bob only'),
    );
    expect(result.tasks.totalCount).toBe(1);
    const keys = cacheKeys(client);
    for (const { id } of created) expect(keys).not.toContain(`Task:${id}`);
    expect(keys).not.toContain(`User:${alice.id}`);
  });

  it('should hold nothing of the previous user after clearStore', async () => {
    token = alice.token;
    await client.clearStore();
    expect(cacheKeys(client).filter((key) => key !== 'ROOT_QUERY')).toEqual([]);
    const { data } = await client.query({ query: MeDocument });
    expect(data?.me.id).toBe(alice.id);
    const list = await client.query({ query: TasksDocument, variables: FIRST_PAGE });
    expect(list.data!.tasks.edges.map((edge) => edge.node.title)).not.toContain('bob only');
    expect(cacheKeys(client).some((key) => key === `User:${bob.id}`)).toBe(false);
  });
});
