import { randomBytes } from 'node:crypto';
import type { TestUser } from '../test-server';
import { dataOf } from './graphql';

export interface WorldProject {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
}

export interface WorldTag {
  readonly id: string;
  readonly name: string;
}

export interface WorldTask {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly completed: boolean;
  readonly priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';
  readonly dueAt: string | null;
  readonly projectId: string | null;
  readonly tagIds: readonly string[];
}

/** One user's seeded records, in creation order. */
export interface World {
  readonly user: TestUser;
  /** A string found nowhere but in this user's own records. */
  readonly canary: string;
  readonly projects: readonly WorldProject[];
  readonly tags: readonly WorldTag[];
  readonly tasks: readonly WorldTask[];
  /** The name every seeded user gives one tag: names are unique per user only. */
  readonly commonTagName: string;
}

export const COMMON_TAG_NAME = 'common';

/** A marker no other user's data (or the schema) can contain by chance. */
export function newCanary(): string {
  return `cnry${randomBytes(6).toString('hex')}`;
}

/** Every id in a world: its records' and its user's. */
export function idsOf(world: World): string[] {
  return [
    world.user.id,
    ...world.projects.map((p) => p.id),
    ...world.tags.map((t) => t.id),
    ...world.tasks.map((t) => t.id),
  ];
}

/**
 * Projects, tags and tasks through the API, every string carrying the canary. Titles hold
 * `%`, `_` and `\` so a search treating them as wildcards would match too much.
 */
export async function seedWorld(user: TestUser, canary = newCanary()): Promise<World> {
  const projects: WorldProject[] = [];
  for (const [name, description] of [
    [`Home ${canary}`, `home project ${canary}`],
    [`Work ${canary}`, null],
  ] as const) {
    const res = await user.gql(
      'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
      { input: { name, description } },
    );
    projects.push({ id: dataOf(res).createProject.id, name, description });
  }
  const tags: WorldTag[] = [];
  for (const name of [`red ${canary}`, `blue ${canary}`, COMMON_TAG_NAME]) {
    const res = await user.gql(
      'mutation($name: String!) { createTag(input: {name: $name}) { id } }',
      {
        name,
      },
    );
    tags.push({ id: dataOf(res).createTag.id, name });
  }
  const [home, work] = projects.map((p) => p.id);
  const [red, blue, common] = tags.map((t) => t.id);
  const specs: Omit<WorldTask, 'id'>[] = [
    {
      title: `${canary} 100% done`,
      description: `notes ${canary}`,
      completed: true,
      priority: 'HIGH',
      dueAt: '2030-01-01T00:00:00.000Z',
      projectId: home!,
      tagIds: [red!],
    },
    {
      title: `${canary} snake_case`,
      description: null,
      completed: false,
      priority: 'URGENT',
      dueAt: '2029-06-01T12:00:00.000Z',
      projectId: work!,
      tagIds: [red!, blue!],
    },
    {
      title: `${canary} plain`,
      description: null,
      completed: false,
      priority: 'LOW',
      dueAt: null,
      projectId: null,
      tagIds: [],
    },
    {
      title: `${canary} back\\slash`,
      description: `50% of it ${canary}`,
      completed: true,
      priority: 'MEDIUM',
      dueAt: '2031-03-03T03:03:03.000Z',
      projectId: home!,
      tagIds: [blue!, common!],
    },
    {
      title: `${canary} Mixed CASE`,
      description: null,
      completed: false,
      priority: 'HIGH',
      dueAt: null,
      projectId: work!,
      tagIds: [common!],
    },
    {
      title: `${canary} under_score`,
      description: null,
      completed: false,
      priority: 'MEDIUM',
      dueAt: '2028-01-01T00:00:00.000Z',
      projectId: null,
      tagIds: [red!],
    },
  ];
  const tasks: WorldTask[] = [];
  for (const spec of specs) {
    const { completed, ...input } = spec;
    const res = await user.gql(
      'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }',
      { input },
    );
    const id = dataOf(res).createTask.id as string;
    if (completed) {
      dataOf(
        await user.gql(
          'mutation($id: ID!) { updateTask(id: $id, input: {completed: true}) { id } }',
          {
            id,
          },
        ),
      );
    }
    tasks.push({ id, ...spec });
  }
  return { user, canary, projects, tags, tasks, commonTagName: COMMON_TAG_NAME };
}
