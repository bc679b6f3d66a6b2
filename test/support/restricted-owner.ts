import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface RestrictedOwner {
  /** A fresh database owned by the role, reached as the role. */
  readonly url: string;
  drop(): Promise<void>;
}

async function run(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A database whose owner is neither a superuser nor BYPASSRLS, so FORCE ROW LEVEL SECURITY
 * binds it: the arrangement where an owner's own statements meet the policies. Made by the
 * role at `baseUrl` (it needs CREATEROLE); drop() removes the database, then the role.
 */
export async function createRestrictedOwner(baseUrl: string): Promise<RestrictedOwner> {
  const suffix = randomBytes(6).toString('hex');
  const role = `task_api_test_owner_${suffix}`;
  const password = randomBytes(12).toString('hex');
  const database = `task_api_test_${suffix}`;
  await run(
    baseUrl,
    `CREATE ROLE ${role} LOGIN CREATEDB CREATEROLE NOBYPASSRLS PASSWORD '${password}'`,
  );
  const asRole = new URL(baseUrl);
  asRole.username = role;
  asRole.password = password;
  await run(asRole.href, `CREATE DATABASE ${database}`);
  const url = new URL(asRole.href);
  url.pathname = `/${database}`;
  return {
    url: url.href,
    async drop() {
      // Only its owner (or a superuser) may drop the database; the role's maker drops the role.
      await run(asRole.href, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await run(baseUrl, `DROP ROLE IF EXISTS ${role}`);
    },
  };
}
