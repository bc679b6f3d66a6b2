/**
 * The role housekeeping's purges run as (SET LOCAL ROLE): like the app role, never a
 * superuser, never BYPASSRLS, never an owner, so the same policies decide what it may delete
 * whoever connects: a superuser, Neon's owner (BYPASSRLS) or an owner without it.
 */
export const HOUSEKEEPING_ROLE = 'task_api_housekeeping';
