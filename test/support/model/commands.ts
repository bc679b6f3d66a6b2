import type fc from 'fast-check';
import { codesOf, dataOf } from '../isolation/graphql';
import type { GraphQLResponse, TestUser } from '../test-server';
import {
  byCreation,
  compareTasks,
  expectedTask,
  matchesFilter,
  resolve,
  TASK_FIELDS,
  type Model,
  type ModelUser,
  type Order,
  type Priority,
  type Ref,
  type TaskFilter,
} from './model';

export interface Real {
  readonly users: readonly TestUser[];
  /** Steps run, for the report. */
  steps: number;
}

const NOT_FOUND = ['NOT_FOUND'];

/** One step by one user, checked on its own, then every user's totals against the model. */
abstract class Step implements fc.AsyncCommand<Model, Real> {
  constructor(readonly actor: number) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, real: Real): Promise<void> {
    real.steps += 1;
    await this.apply(model, real.users[this.actor]!, model.users[this.actor]!);
    await expectTotals(model, real);
  }

  protected abstract apply(model: Model, user: TestUser, mine: ModelUser): Promise<void>;

  abstract toString(): string;
}

/** After every step: each user's counts, at the root and under me, and tags, are the model's. */
async function expectTotals(model: Model, real: Real): Promise<void> {
  const answers = await Promise.all(
    real.users.map((user) =>
      user.gql(`{
        projects(first: 1) { totalCount } tasks(first: 1) { totalCount } tags { id }
        me { projects(first: 1) { totalCount } tasks(first: 1) { totalCount } tags { id } }
      }`),
    ),
  );
  answers.forEach((res, i) => {
    const data = dataOf(res);
    const mine = model.users[i]!;
    const counts = { projects: mine.projects.length, tasks: mine.tasks.length };
    const tags = mine.tags.map((t) => t.id).sort();
    for (const at of [data, data.me]) {
      expect({
        user: i,
        projects: at.projects.totalCount,
        tasks: at.tasks.totalCount,
        tags: at.tags.map((t: { id: string }) => t.id).sort(),
      }).toEqual({ user: i, ...counts, tags });
    }
  });
}

const refText = (ref: Ref) => `${ref.owner === 'self' ? 'own' : `other+${ref.owner}`}#${ref.index}`;

export class CreateProject extends Step {
  constructor(
    actor: number,
    readonly name: string,
  ) {
    super(actor);
  }

  protected async apply(_model: Model, user: TestUser, mine: ModelUser) {
    const res = await user.gql(
      'mutation($n: String!) { createProject(input: {name: $n}) { id name createdAt owner { id } } }',
      { n: this.name },
    );
    const made = dataOf(res).createProject;
    expect(made.owner.id).toBe(user.id);
    mine.projects.push({ id: made.id, name: made.name, createdAt: made.createdAt });
  }

  toString() {
    return `user${this.actor}.createProject(${this.name})`;
  }
}

export class RenameProject extends Step {
  constructor(
    actor: number,
    readonly ref: Ref,
    readonly name: string,
  ) {
    super(actor);
  }

  protected async apply(model: Model, user: TestUser, mine: ModelUser) {
    const target = resolve(model, this.actor, this.ref, 'projects');
    const res = await user.gql(
      'mutation($id: ID!, $n: String!) { updateProject(id: $id, input: {name: $n}) { id name } }',
      { id: target.id, n: this.name },
    );
    if (!target.own) return void expect(codesOf(res)).toEqual(NOT_FOUND);
    expect(dataOf(res).updateProject).toEqual({ id: target.id, name: this.name });
    mine.projects.find((p) => p.id === target.id)!.name = this.name;
  }

  toString() {
    return `user${this.actor}.updateProject(${refText(this.ref)}, ${this.name})`;
  }
}

export class DeleteProject extends Step {
  constructor(
    actor: number,
    readonly ref: Ref,
  ) {
    super(actor);
  }

  protected async apply(model: Model, user: TestUser, mine: ModelUser) {
    const target = resolve(model, this.actor, this.ref, 'projects');
    const res = await user.gql('mutation($id: ID!) { deleteProject(id: $id) }', { id: target.id });
    if (!target.own) return void expect(codesOf(res)).toEqual(NOT_FOUND);
    expect(dataOf(res).deleteProject).toBe(target.id);
    mine.projects = mine.projects.filter((p) => p.id !== target.id);
    mine.tasks = mine.tasks.filter((t) => t.projectId !== target.id);
  }

  toString() {
    return `user${this.actor}.deleteProject(${refText(this.ref)})`;
  }
}

export class CreateTag extends Step {
  constructor(
    actor: number,
    readonly name: string,
  ) {
    super(actor);
  }

  protected async apply(_model: Model, user: TestUser, mine: ModelUser) {
    const res = await user.gql(
      'mutation($n: String!) { createTag(input: {name: $n}) { id name } }',
      {
        n: this.name,
      },
    );
    // Names are unique per user: another user's tag of the same name is no conflict.
    if (mine.tags.some((t) => t.name === this.name)) {
      return void expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    }
    mine.tags.push(dataOf(res).createTag);
  }

  toString() {
    return `user${this.actor}.createTag(${this.name})`;
  }
}

export class DeleteTag extends Step {
  constructor(
    actor: number,
    readonly ref: Ref,
  ) {
    super(actor);
  }

  protected async apply(model: Model, user: TestUser, mine: ModelUser) {
    const target = resolve(model, this.actor, this.ref, 'tags');
    const res = await user.gql('mutation($id: ID!) { deleteTag(id: $id) }', { id: target.id });
    if (!target.own) return void expect(codesOf(res)).toEqual(NOT_FOUND);
    expect(dataOf(res).deleteTag).toBe(target.id);
    mine.tags = mine.tags.filter((t) => t.id !== target.id);
    for (const task of mine.tasks) task.tagIds = task.tagIds.filter((id) => id !== target.id);
  }

  toString() {
    return `user${this.actor}.deleteTag(${refText(this.ref)})`;
  }
}

export interface TaskSpec {
  readonly title: string;
  readonly description: string | null;
  readonly priority: Priority;
  readonly dueAt: string | null;
  readonly project: Ref | null;
  readonly tags: readonly Ref[];
}

export class CreateTask extends Step {
  constructor(
    actor: number,
    readonly spec: TaskSpec,
  ) {
    super(actor);
  }

  protected async apply(model: Model, user: TestUser, mine: ModelUser) {
    const { title, description, priority, dueAt } = this.spec;
    const project = this.spec.project && resolve(model, this.actor, this.spec.project, 'projects');
    const tags = this.spec.tags.map((ref) => resolve(model, this.actor, ref, 'tags'));
    const res = await user.gql(
      `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${TASK_FIELDS} } }`,
      {
        input: {
          title,
          description,
          priority,
          dueAt,
          projectId: project?.id ?? null,
          tagIds: tags.map((t) => t.id),
        },
      },
    );
    if ((project && !project.own) || tags.some((t) => !t.own)) {
      return void expect(codesOf(res)).toEqual(NOT_FOUND);
    }
    const made = dataOf(res).createTask;
    const task = {
      id: made.id,
      title,
      description,
      completed: false,
      priority,
      dueAt,
      projectId: project?.id ?? null,
      tagIds: [...new Set(tags.map((t) => t.id))],
      createdAt: made.createdAt,
      updatedAt: made.updatedAt,
    };
    mine.tasks.push(task);
    expect(made).toEqual(expectedTask(mine, task));
  }

  toString() {
    const { project, tags, ...rest } = this.spec;
    return `user${this.actor}.createTask(${JSON.stringify(rest)}, project ${project ? refText(project) : 'none'}, tags [${tags.map(refText).join(' ')}])`;
  }
}

export interface TaskChanges {
  readonly title?: string;
  readonly description?: string | null;
  readonly completed?: boolean;
  readonly priority?: Priority;
  readonly dueAt?: string | null;
  /** null: out of any project. */
  readonly project?: Ref | null;
  /** null: no tags. */
  readonly tags?: readonly Ref[] | null;
}

export class UpdateTask extends Step {
  constructor(
    actor: number,
    readonly ref: Ref,
    readonly changes: TaskChanges,
  ) {
    super(actor);
  }

  protected async apply(model: Model, user: TestUser, mine: ModelUser) {
    const target = resolve(model, this.actor, this.ref, 'tasks');
    const { project: projectRef, tags: tagRefs, ...plain } = this.changes;
    const project = projectRef ? resolve(model, this.actor, projectRef, 'projects') : projectRef;
    const tags = tagRefs ? tagRefs.map((ref) => resolve(model, this.actor, ref, 'tags')) : tagRefs;
    const input: Record<string, unknown> = { ...plain };
    if (project !== undefined) input.projectId = project?.id ?? null;
    if (tags !== undefined) input.tagIds = tags?.map((t) => t.id) ?? null;
    const res = await user.gql(
      `mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { ${TASK_FIELDS} } }`,
      { id: target.id, input },
    );
    if (!target.own || (project && !project.own) || tags?.some((t) => !t.own)) {
      return void expect(codesOf(res)).toEqual(NOT_FOUND);
    }
    const updated = dataOf(res).updateTask;
    const task = mine.tasks.find((t) => t.id === target.id)!;
    Object.assign(task, plain);
    if (project !== undefined) task.projectId = project?.id ?? null;
    if (tags !== undefined) task.tagIds = [...new Set((tags ?? []).map((t) => t.id))];
    task.updatedAt = updated.updatedAt;
    expect(updated).toEqual(expectedTask(mine, task));
  }

  toString() {
    const { project, tags, ...rest } = this.changes;
    const p = project === undefined ? '' : `, project ${project ? refText(project) : 'null'}`;
    const t =
      tags === undefined ? '' : `, tags ${tags ? `[${tags.map(refText).join(' ')}]` : 'null'}`;
    return `user${this.actor}.updateTask(${refText(this.ref)}, ${JSON.stringify(rest)}${p}${t})`;
  }
}

export class DeleteTask extends Step {
  constructor(
    actor: number,
    readonly ref: Ref,
  ) {
    super(actor);
  }

  protected async apply(model: Model, user: TestUser, mine: ModelUser) {
    const target = resolve(model, this.actor, this.ref, 'tasks');
    const res = await user.gql('mutation($id: ID!) { deleteTask(id: $id) }', { id: target.id });
    if (!target.own) return void expect(codesOf(res)).toEqual(NOT_FOUND);
    expect(dataOf(res).deleteTask).toBe(target.id);
    mine.tasks = mine.tasks.filter((t) => t.id !== target.id);
  }

  toString() {
    return `user${this.actor}.deleteTask(${refText(this.ref)})`;
  }
}

export interface ListSpec {
  readonly completed?: boolean;
  readonly priority?: Priority;
  readonly project?: Ref;
  readonly tag?: Ref;
  readonly search?: string;
  readonly dueBefore?: string;
  readonly dueAfter?: string;
  readonly order: Order | null;
  readonly first: number;
}

/** Every page of a filtered, ordered list must be exactly the model's, totals included. */
export class ListTasks extends Step {
  constructor(
    actor: number,
    readonly spec: ListSpec,
  ) {
    super(actor);
  }

  protected async apply(model: Model, user: TestUser, mine: ModelUser) {
    const { project, tag, order, first, ...plain } = this.spec;
    // A filter naming another user's project or tag is no error: it matches nothing.
    const filter: TaskFilter = {
      ...plain,
      ...(project ? { projectId: resolve(model, this.actor, project, 'projects').id } : {}),
      ...(tag ? { tagId: resolve(model, this.actor, tag, 'tags').id } : {}),
    };
    const expected = mine.tasks
      .filter((t) => matchesFilter(t, filter))
      .sort(compareTasks(order ?? { field: 'CREATED_AT', direction: 'ASC' }))
      .map((t) => expectedTask(mine, t));
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page <= expected.length; page++) {
      const res: GraphQLResponse = await user.gql(
        `query($f: TaskFilter, $o: TaskOrder, $first: Int!, $after: String) {
          tasks(filter: $f, orderBy: $o, first: $first, after: $after) {
            totalCount nodes { ${TASK_FIELDS} } pageInfo { hasNextPage endCursor }
          }
        }`,
        { f: filter, o: order, first, after },
      );
      const { tasks } = dataOf<{ tasks: any }>(res);
      expect(tasks.totalCount).toBe(expected.length);
      seen.push(...tasks.nodes);
      expect(tasks.pageInfo.hasNextPage).toBe(seen.length < expected.length);
      if (!tasks.pageInfo.hasNextPage) break;
      after = tasks.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  }

  toString() {
    const { project, tag, ...rest } = this.spec;
    const refs = `${project ? ` project ${refText(project)}` : ''}${tag ? ` tag ${refText(tag)}` : ''}`;
    return `user${this.actor}.tasks(${JSON.stringify(rest)}${refs})`;
  }
}

/** Projects page by page, each with its tasks and their count. */
export class ListProjects extends Step {
  constructor(
    actor: number,
    readonly first: number,
  ) {
    super(actor);
  }

  protected async apply(_model: Model, user: TestUser, mine: ModelUser) {
    const expected = [...mine.projects]
      .sort((x, y) =>
        x.createdAt < y.createdAt ? -1 : x.createdAt > y.createdAt ? 1 : x.id < y.id ? -1 : 1,
      )
      .map((p) => {
        const tasks = mine.tasks.filter((t) => t.projectId === p.id).sort(byCreation);
        return {
          id: p.id,
          name: p.name,
          tasks: { totalCount: tasks.length, nodes: tasks.map((t) => ({ id: t.id })) },
        };
      });
    const seen: unknown[] = [];
    let after: string | null = null;
    for (let page = 0; page <= expected.length; page++) {
      const res: GraphQLResponse = await user.gql(
        `query($first: Int!, $after: String) {
          projects(first: $first, after: $after) {
            totalCount nodes { id name tasks(first: 100) { totalCount nodes { id } } }
            pageInfo { hasNextPage endCursor }
          }
        }`,
        { first: this.first, after },
      );
      const { projects } = dataOf<{ projects: any }>(res);
      expect(projects.totalCount).toBe(expected.length);
      seen.push(...projects.nodes);
      if (!projects.pageInfo.hasNextPage) break;
      after = projects.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  }

  toString() {
    return `user${this.actor}.projects(first: ${this.first})`;
  }
}

/** Tags by name, each with its tasks. */
export class ListTags extends Step {
  protected async apply(_model: Model, user: TestUser, mine: ModelUser) {
    const expected = [...mine.tags]
      .sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : x.id < y.id ? -1 : 1))
      .map((g) => {
        const tasks = mine.tasks.filter((t) => t.tagIds.includes(g.id)).sort(byCreation);
        return {
          id: g.id,
          name: g.name,
          tasks: { totalCount: tasks.length, nodes: tasks.map((t) => ({ id: t.id })) },
        };
      });
    const res = await user.gql(
      '{ tags { id name tasks(first: 100) { totalCount nodes { id } } } }',
    );
    expect(dataOf(res).tags).toEqual(expected);
  }

  toString() {
    return `user${this.actor}.tags`;
  }
}
