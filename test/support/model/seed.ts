import { dataOf } from '../isolation/graphql';
import type { TestUser } from '../test-server';
import type { Model, ModelTask } from './model';

/**
 * A small world per user to start each run from, recorded in the model: projects, tags and
 * tasks linking them, so the random steps have records to act on from the first.
 */
export async function seedModel(model: Model, users: readonly TestUser[]): Promise<void> {
  await Promise.all(
    users.map(async (user, i) => {
      const mine = model.users[i]!;
      const made = dataOf(
        await user.gql(`mutation {
          home: createProject(input: {name: "home"}) { id name createdAt }
          work: createProject(input: {name: "work"}) { id name createdAt }
          red: createTag(input: {name: "red"}) { id name }
          blue: createTag(input: {name: "blue"}) { id name }
        }`),
      );
      mine.projects.push(made.home, made.work);
      mine.tags.push(made.red, made.blue);
      const specs = [
        {
          title: 'a%b',
          priority: 'HIGH',
          dueAt: '2030-01-01T00:00:00.000Z',
          projectId: made.home.id,
          tagIds: [made.red.id, made.blue.id],
        },
        {
          title: 'Beta',
          priority: 'LOW',
          dueAt: null,
          projectId: made.work.id,
          tagIds: [made.blue.id],
        },
        {
          title: 'a_b',
          priority: 'MEDIUM',
          dueAt: '2029-06-01T12:00:00.000Z',
          projectId: null,
          tagIds: [],
        },
      ] as const;
      for (const spec of specs) {
        const task = dataOf(
          await user.gql(
            'mutation($input: CreateTaskInput!) { createTask(input: $input) { id createdAt updatedAt } }',
            { input: spec },
          ),
        ).createTask;
        const record: ModelTask = {
          ...spec,
          id: task.id,
          description: null,
          completed: false,
          tagIds: [...spec.tagIds],
          createdAt: task.createdAt,
          updatedAt: task.updatedAt,
        };
        mine.tasks.push(record);
      }
    }),
  );
}
