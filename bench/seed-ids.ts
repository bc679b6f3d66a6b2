import { createHash } from 'node:crypto';

/**
 * The seeded world, computable on both sides: SQL writes it with generate_series and md5,
 * the bench recomputes the same ids here to ask for them. Every seeded string ends with
 * "of <owner id>", so any row in an answer names its owner and a foreign one is caught.
 */
export const PROJECTS_PER_USER = 2;
export const TASKS_PER_USER = 20;
export const TAGS_PER_USER = 3;

export function userId(user: number): string {
  return `bench-${String(user).padStart(6, '0')}`;
}

/** md5 of a text as a UUID: PostgreSQL's `md5(text)::uuid`. */
function md5Uuid(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const projectId = (user: number, project: number) => md5Uuid(`project:${user}:${project}`);
export const taskId = (user: number, task: number) => md5Uuid(`task:${user}:${task}`);
export const tagId = (user: number, tag: number) => md5Uuid(`tag:${user}:${tag}`);

/** The title of tasks the mix creates; the seeder deletes them before each run. */
export const createdTitle = (user: number) => `new task of ${userId(user)}`;

const OWNER = / of (bench-\d{6})$/;

/** The owner a seeded (or bench-created) string names, or undefined for any other string. */
export function ownerNamedIn(text: string): string | undefined {
  return OWNER.exec(text)?.[1];
}
