import { BadUserInputError } from '../../errors/errors';
import type { TaskChanges, TaskValues } from '../../ownership/task.store';
import { notNull, optionalText, requiredText } from '../../validation/text';
import type { CreateTaskInput, UpdateTaskInput } from './task.input';
import { Priority } from '../../domain/priority';
import { MAX_TAGS_PER_TASK, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from '../../domain/text-limits';

function tagList(ids: readonly string[] | null | undefined): string[] | undefined {
  if (ids === undefined) return undefined;
  const unique = [...new Set((ids ?? []).map((id) => id.toLowerCase()))];
  if (unique.length > MAX_TAGS_PER_TASK) {
    throw new BadUserInputError(`tagIds must name at most ${MAX_TAGS_PER_TASK} tags`, 'tagIds');
  }
  return unique;
}

/** Checks every limit of CreateTaskInput; the messages name the field. */
export function createTaskValues(input: CreateTaskInput): TaskValues {
  return {
    title: requiredText(input.title, 'title', TASK_TITLE_MAX),
    description: optionalText(input.description, 'description', TASK_DESCRIPTION_MAX) ?? null,
    priority: notNull(input.priority, 'priority') ?? Priority.MEDIUM,
    dueAt: input.dueAt ?? null,
    projectId: input.projectId ?? null,
    tagIds: tagList(input.tagIds) ?? [],
  };
}

/** Omitted fields stay as they are; null clears the nullable ones. */
export function updateTaskChanges(input: UpdateTaskInput): TaskChanges {
  const title = notNull(input.title, 'title');
  return {
    title: title === undefined ? undefined : requiredText(title, 'title', TASK_TITLE_MAX),
    description: optionalText(input.description, 'description', TASK_DESCRIPTION_MAX),
    completed: notNull(input.completed, 'completed'),
    priority: notNull(input.priority, 'priority'),
    dueAt: input.dueAt,
    projectId: input.projectId,
    tagIds: tagList(input.tagIds),
  };
}
