import type { ApolloClient } from '@apollo/client';
import { describeError } from './error-code';
import { MeDocument, TasksDocument } from './generated/graphql';
import { createTask, updateTask } from './task.mutations';

/**
 * What the runnable example does: who am I, add a task, list the first page, and one request
 * the API refuses (a task id that is not the viewer's), printed with its extensions.code.
 */
export async function runExampleApp(
  client: ApolloClient,
  print: (line: string) => void,
): Promise<void> {
  const { data: me } = await client.query({ query: MeDocument });
  print(`signed in as ${me?.me.email ?? me?.me.id}`);
  const task = await createTask(client, { title: `Try the API (${new Date().toISOString()})` });
  print(`created task ${task.id}: ${task.title}`);
  const { data } = await client.query({ query: TasksDocument, variables: { first: 5 } });
  print(`${data?.tasks.totalCount ?? 0} task(s); first page:`);
  for (const edge of data?.tasks.edges ?? []) {
    print(`  ${edge.node.completed ? '[x]' : '[ ]'} ${edge.node.title}`);
  }
  try {
    await updateTask(client, '00000000-0000-4000-8000-000000000000', { completed: true });
  } catch (error) {
    for (const line of describeError(error)) print(`refused as expected: ${line}`);
  }
}
