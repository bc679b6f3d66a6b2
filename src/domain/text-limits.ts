/**
 * How long each text field may be, in characters, and how many tags a task holds. The
 * columns, the input checks and the schema's descriptions all read these; a change also
 * needs a migration for the column.
 */
export const PROJECT_NAME_MAX = 100;
export const PROJECT_DESCRIPTION_MAX = 2000;
export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 5000;
export const TAG_NAME_MAX = 50;
/** A task filter's `search` text. */
export const TASK_SEARCH_MAX = 200;
export const MAX_TAGS_PER_TASK = 20;
