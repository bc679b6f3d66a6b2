import type { DataSource } from 'typeorm';
import type { Logger } from '../log/logger';
import { APP_ROLE, USER_SETTING } from './app-role';

const RLS_TABLES = [
  'users',
  'projects',
  'tasks',
  'tags',
  'task_tags',
  'revoked_tokens',
  'token_cutoffs',
];

export class RlsBypassError extends Error {
  constructor(problems: string[]) {
    super(
      `Refusing to serve: row-level security would not hold for the application role:\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
    this.name = 'RlsBypassError';
  }
}

/** Lists why the role requests run as could get past the policies; empty when it cannot. */
export async function findRlsProblems(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await runner.query(`SELECT set_config('role', $1, true), set_config($2, '', true)`, [
      APP_ROLE,
      USER_SETTING,
    ]);
    const [role] = (await runner.query(
      `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    )) as { name: string; rolsuper: boolean; rolbypassrls: boolean }[];
    const problems: string[] = [];
    if (!role) return [`role ${APP_ROLE} does not exist (run the migrations)`];
    if (role.rolsuper) problems.push(`role ${role.name} is a superuser`);
    if (role.rolbypassrls) problems.push(`role ${role.name} has BYPASSRLS`);
    const tables = (await runner.query(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              pg_has_role(current_user, c.relowner, 'USAGE') AS owns,
              row_security_active(c.oid) AS active,
              EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid) AS has_policy
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relname = ANY($1)`,
      [RLS_TABLES],
    )) as {
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
      owns: boolean;
      active: boolean;
      has_policy: boolean;
    }[];
    const seen = new Set(tables.map((t) => t.relname));
    for (const name of RLS_TABLES) {
      if (!seen.has(name)) problems.push(`table ${name} is missing (run the migrations)`);
    }
    for (const t of tables) {
      if (!t.relrowsecurity) problems.push(`table ${t.relname} does not enable row-level security`);
      if (!t.relforcerowsecurity)
        problems.push(`table ${t.relname} does not force row-level security`);
      if (!t.has_policy) problems.push(`table ${t.relname} has no policy`);
      if (t.owns) problems.push(`role ${role.name} owns table ${t.relname}`);
      // What PostgreSQL itself answers for this role, whatever the connecting owner may bypass.
      if (!t.active)
        problems.push(`row-level security is not active on table ${t.relname} for ${role.name}`);
    }
    return problems;
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

/** Start-up gate: no serving unless RLS holds, except with the loudly logged dev escape hatch. */
export async function assertRlsEnforced(
  dataSource: DataSource,
  options: { allowBypass: boolean; log: Logger },
): Promise<void> {
  const problems = await findRlsProblems(dataSource);
  if (problems.length === 0) {
    options.log.info(
      { event: 'startup_check', check: 'rls', ok: true },
      'row-level security enforced',
    );
    return;
  }
  if (options.allowBypass) {
    options.log.warn(
      { event: 'startup_check', check: 'rls', ok: false, problems },
      'ALLOW_RLS_BYPASS=true: SERVING WITHOUT ROW-LEVEL SECURITY GUARANTEES (development only)',
    );
    return;
  }
  options.log.fatal(
    { event: 'startup_check', check: 'rls', ok: false, problems },
    'rls check failed',
  );
  throw new RlsBypassError(problems);
}
