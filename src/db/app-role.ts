/**
 * The role every request's statements run as (SET LOCAL ROLE): not a superuser, not the
 * tables' owner, no BYPASSRLS, so row-level security always applies to it.
 */
export const APP_ROLE = 'task_api_app';

/** The transaction-scoped setting the RLS policies compare owner columns against. */
export const USER_SETTING = 'app.user_id';
