import { randomUUID } from 'node:crypto';
import type { GraphQLResponse, TestUser } from './test-server';

/** Ids that name nothing: each must be answered exactly like another user's record. */
export const MALFORMED_IDS = ['nope', '', 'x'.repeat(1000)] as const;

export const NOT_FOUND = { message: 'Not found.', extensions: { code: 'NOT_FOUND' } };

export const TASK_FIELDS = `id title description completed priority dueAt createdAt updatedAt
  project { id } tags { id name }`;
export const PROJECT_FIELDS = 'id name description createdAt updatedAt';

export interface ProjectRow {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TaskRow {
  id: string;
  title: string;
  description: string | null;
  completed: boolean;
  priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';
  dueAt: string | null;
  createdAt: string;
  updatedAt: string;
  project: { id: string } | null;
  tags: { id: string; name: string }[];
}

/** The data of a response that must have succeeded; the errors show up if it did not. */
export function ok<T = Record<string, any>>(res: GraphQLResponse<T>): T {
  expect({ status: res.status, errors: res.body.errors }).toEqual({
    status: 200,
    errors: undefined,
  });
  return res.body.data as T;
}

/** The one error of a failed response, checked for its code. */
export function errorOf(res: GraphQLResponse<unknown>, code: string) {
  expect(res.body.errors).toHaveLength(1);
  const error = res.body.errors![0]!;
  expect(error.extensions?.code).toBe(code);
  return error;
}

/** A failed input check: BAD_USER_INPUT whose extension and message name the field. */
export function expectBadInput(res: GraphQLResponse<unknown>, field: string): void {
  const error = errorOf(res, 'BAD_USER_INPUT');
  expect(error.extensions?.field).toBe(field);
  expect(error.message).toContain(field);
}

export async function createProject(
  user: TestUser,
  input: Record<string, unknown> = { name: 'Project' },
): Promise<ProjectRow> {
  const res = await user.gql(
    `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`,
    { input },
  );
  return ok(res).createProject;
}

export async function createTag(user: TestUser, name = `tag-${randomUUID()}`) {
  const res = await user.gql(
    'mutation($input: CreateTagInput!) { createTag(input: $input) { id name } }',
    { input: { name } },
  );
  return ok(res).createTag as { id: string; name: string };
}

export async function createTask(
  user: TestUser,
  input: Record<string, unknown> = {},
): Promise<TaskRow> {
  const res = await user.gql(
    `mutation($input: CreateTaskInput!) { createTask(input: $input) { ${TASK_FIELDS} } }`,
    { input: { title: 'Task', ...input } },
  );
  return ok(res).createTask;
}

export async function readTask(user: TestUser, id: string): Promise<TaskRow | null> {
  return ok(await user.gql(`query($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`, { id })).task;
}

export async function readProject(user: TestUser, id: string) {
  const res = await user.gql(
    `query($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} tasks { totalCount nodes { id } } } }`,
    { id },
  );
  return ok(res).project;
}

/** Everything a user can count of their own, in one request. */
export async function counts(user: TestUser) {
  const data = ok(await user.gql('{ tasks { totalCount } projects { totalCount } tags { id } }'));
  return {
    tasks: data.tasks.totalCount as number,
    projects: data.projects.totalCount as number,
    tags: data.tags.length as number,
  };
}

/**
 * Asks the same document with each id and expects one identical answer for all: another
 * user's record must be indistinguishable from a missing one and from a malformed id.
 */
export async function expectSameAnswer(
  user: TestUser,
  query: string,
  variables: (id: string) => Record<string, unknown>,
  ownedByOther: string,
) {
  const ids = [ownedByOther, ownedByOther.toUpperCase(), randomUUID(), ...MALFORMED_IDS];
  const answers = [];
  for (const id of ids) {
    const res = await user.gql(query, variables(id));
    answers.push({ status: res.status, body: res.body });
  }
  for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);
  return answers[0]!;
}
