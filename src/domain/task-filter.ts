import type { Priority } from './priority';

/** A TaskFilter as the ownership layer takes it; null and undefined both mean "any". */
export interface TaskFilterValues {
  readonly completed?: boolean | null;
  readonly projectId?: string | null;
  readonly tagId?: string | null;
  readonly priority?: Priority | null;
  readonly search?: string | null;
  readonly dueBefore?: Date | null;
  readonly dueAfter?: Date | null;
}
