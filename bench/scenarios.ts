import { checkResponse, noErrors, type CheckedResponse, type GraphQLBody } from './response-check';
import {
  createdTitle,
  projectId,
  PROJECTS_PER_USER,
  tagId,
  TAGS_PER_USER,
  taskId,
  TASKS_PER_USER,
  userId,
} from './seed-ids';

/** One request to send, and how to judge its answer. */
export interface Operation {
  readonly kind: string;
  readonly user: number;
  readonly body: string;
  check(status: number, text: string): CheckedResponse;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  next(): Operation;
}

/** The seeded users whose tokens the load uses, and the whole population foreign ids come from. */
export interface World {
  readonly users: number;
  readonly tokenUsers: readonly number[];
}

const LIST = `query List { tasks(first: 20) { nodes { title project { name } tags { name } } } }`;
const BY_ID = `query Task($id: ID!) {
  task(id: $id) { id title completed priority dueAt project { name } tags { name } } }`;
const FILTERED = `query Filtered($projectId: ID!) {
  tasks(filter: { completed: false, projectId: $projectId },
        orderBy: { field: DUE_AT, direction: DESC }, first: 10) {
    totalCount nodes { title priority dueAt } } }`;
const CREATE = `mutation Create($input: CreateTaskInput!) {
  createTask(input: $input) { id title project { name } tags { name } } }`;
const UPDATE = `mutation Update($id: ID!, $input: UpdateTaskInput!) {
  updateTask(id: $id, input: $input) { id title completed priority } }`;
const PROBE_READ = `query Probe($id: ID!) { task(id: $id) { id title } }`;
const PROBE_WRITE = `mutation ProbeWrite($id: ID!) {
  updateTask(id: $id, input: { completed: true }) { id title } }`;

const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const;

const pick = (n: number) => 1 + Math.floor(Math.random() * n);
const body = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify(variables ? { query, variables } : { query });

/** A root field of the answer, typed as the scenario's document shapes it. */
function field<T>(b: GraphQLBody, name: string): T | undefined {
  return b.data?.[name] as T | undefined;
}

function titled(title: unknown, owner: string): boolean {
  return typeof title === 'string' && title.endsWith(` of ${owner}`);
}

function list(user: number): Operation {
  const owner = userId(user);
  return {
    kind: 'list',
    user,
    body: body(LIST),
    check: (status, text) =>
      checkResponse(status, text, owner, (b) => {
        const nodes = field<{ nodes: { title: string }[] }>(b, 'tasks')?.nodes;
        if (noErrors(b)) return noErrors(b);
        if (nodes?.length !== 20) return `expected 20 tasks, got ${nodes?.length}`;
        return nodes.every((n) => titled(n.title, owner)) ? undefined : 'a task without its owner';
      }),
  };
}

function byId(user: number): Operation {
  const owner = userId(user);
  const t = pick(TASKS_PER_USER);
  return {
    kind: 'byId',
    user,
    body: body(BY_ID, { id: taskId(user, t) }),
    check: (status, text) =>
      checkResponse(status, text, owner, (b) => {
        if (noErrors(b)) return noErrors(b);
        const task = field<{ title: string } | null>(b, 'task');
        return task?.title === `task ${t} of ${owner}` ? undefined : 'own task not answered';
      }),
  };
}

function filtered(user: number): Operation {
  const owner = userId(user);
  return {
    kind: 'filtered',
    user,
    body: body(FILTERED, { projectId: projectId(user, pick(PROJECTS_PER_USER)) }),
    check: (status, text) =>
      checkResponse(status, text, owner, (b) => {
        if (noErrors(b)) return noErrors(b);
        const tasks = field<{ totalCount: number; nodes: { title: string }[] }>(b, 'tasks');
        if (!tasks || tasks.totalCount < tasks.nodes.length) return 'bad connection';
        return tasks.nodes.every((n) => titled(n.title, owner)) ? undefined : 'foreign task';
      }),
  };
}

function create(user: number): Operation {
  const owner = userId(user);
  const input = {
    title: createdTitle(user),
    priority: PRIORITIES[pick(4) - 1],
    projectId: projectId(user, pick(PROJECTS_PER_USER)),
    tagIds: [tagId(user, pick(TAGS_PER_USER))],
  };
  return {
    kind: 'create',
    user,
    body: body(CREATE, { input }),
    check: (status, text) =>
      checkResponse(status, text, owner, (b) => {
        if (noErrors(b)) return noErrors(b);
        const task = field<{ title: string; tags: unknown[] }>(b, 'createTask');
        return task?.title === input.title && task.tags.length === 1 ? undefined : 'not created';
      }),
  };
}

function update(user: number): Operation {
  const owner = userId(user);
  const id = taskId(user, pick(TASKS_PER_USER));
  const input = { completed: Math.random() < 0.5, priority: PRIORITIES[pick(4) - 1] };
  return {
    kind: 'update',
    user,
    body: body(UPDATE, { id, input }),
    check: (status, text) =>
      checkResponse(
        status,
        text,
        owner,
        (b) => {
          if (noErrors(b)) return noErrors(b);
          const task = field<{ id: string; completed: boolean }>(b, 'updateTask');
          return task?.id === id && task.completed === input.completed ? undefined : 'not updated';
        },
        false,
        { conflictAllowed: true },
      ),
  };
}

/** Another user's task id: it must answer exactly like a missing one. */
function foreignTask(world: World, user: number): string {
  let other = pick(world.users);
  if (other === user) other = (other % world.users) + 1;
  return taskId(other, pick(TASKS_PER_USER));
}

function probeRead(world: World, user: number): Operation {
  const owner = userId(user);
  return {
    kind: 'probeRead',
    user,
    body: body(PROBE_READ, { id: foreignTask(world, user) }),
    check: (status, text) =>
      checkResponse(
        status,
        text,
        owner,
        (b) => noErrors(b) ?? (field(b, 'task') === null ? undefined : 'foreign task answered'),
        true,
      ),
  };
}

function probeWrite(world: World, user: number): Operation {
  const owner = userId(user);
  return {
    kind: 'probeWrite',
    user,
    body: body(PROBE_WRITE, { id: foreignTask(world, user) }),
    check: (status, text) =>
      checkResponse(
        status,
        text,
        owner,
        (b) =>
          b.errors?.length === 1 && b.errors[0]?.extensions?.code === 'NOT_FOUND' && !b.data
            ? undefined
            : 'foreign update not refused as NOT_FOUND',
        true,
      ),
  };
}

/**
 * The mix: 75% reads (35% list, 20% by id, 20% filtered), 20% writes (10% creates,
 * 10% updates of the caller's tasks), 5% probes with another user's task id (half reads
 * that must answer null, half updates that must answer NOT_FOUND).
 */
const MIX: readonly [number, (world: World, user: number) => Operation][] = [
  [0.35, (_w, u) => list(u)],
  [0.55, (_w, u) => byId(u)],
  [0.75, (_w, u) => filtered(u)],
  [0.85, (_w, u) => create(u)],
  [0.95, (_w, u) => update(u)],
  [0.975, probeRead],
  [1, probeWrite],
];

function mixed(world: World, user: number): Operation {
  const roll = Math.random();
  const [, make] = MIX.find(([upTo]) => roll < upTo) ?? MIX[MIX.length - 1]!;
  return make(world, user);
}

export function scenario(name: string, world: World): Scenario {
  const someone = () => world.tokenUsers[Math.floor(Math.random() * world.tokenUsers.length)]!;
  const make = (description: string, op: (user: number) => Operation): Scenario => ({
    name,
    description,
    next: () => op(someone()),
  });
  switch (name) {
    case 'list':
    case 'scale':
      return make('tasks(first: 20) with each task’s project and tags', list);
    case 'byId':
      return make('task(id) of one of the caller’s tasks, with project and tags', byId);
    case 'filtered':
      return make(
        'open tasks of one project, by due date descending, first 10 + totalCount',
        filtered,
      );
    case 'mix':
    case 'soak':
    case 'live':
      return make('75% reads, 10% creates, 10% updates, 5% foreign-id probes', (u) =>
        mixed(world, u),
      );
    default:
      throw new Error(`unknown scenario ${name}`);
  }
}
