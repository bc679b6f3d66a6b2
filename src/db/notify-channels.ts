/**
 * The channels writes announce on (pg_notify from triggers, migration 1764000000004) and
 * every instance listens to. Payloads are JSON arrays of ids only.
 */
export const TASK_CHANNEL = 'task_api_task_changes';
export const REVOCATION_CHANNEL = 'task_api_revocations';
