#!/usr/bin/env bash
# Makes (or fixes up) the role the PostgreSQL suites connect as, the way Neon's default owner
# role is: LOGIN CREATEDB CREATEROLE BYPASSRLS, not SUPERUSER. Its test databases are its own,
# so it runs their migrations as production's owner does, and no test leans on superuser
# powers. Idempotent. Prints the TEST_DATABASE_URL to use on stdout.
#   POSTGRES_ADMIN_URL  a superuser's URL (default postgres://postgres@127.0.0.1:5432/postgres)
#   TEST_OWNER_ROLE     the role's name (default task_api_ci_owner)
set -euo pipefail

admin_url="${POSTGRES_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
role="${TEST_OWNER_ROLE:-task_api_ci_owner}"
if [[ ! "$role" =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; then
  echo "TEST_OWNER_ROLE must be a lower-case SQL identifier: $role" >&2
  exit 1
fi

psql_bin="$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1 || true)"
if [ -z "$psql_bin" ]; then
  echo "psql not found: cannot create the owner role" >&2
  exit 1
fi

# A second run (or a parallel one) may find the role made already; ALTER then sets exactly the
# attributes, whatever an earlier version of this script gave it.
PGOPTIONS="-c client_min_messages=warning" "$psql_bin" "$admin_url" -X -q -v ON_ERROR_STOP=1 -v role="$role" >/dev/null <<'SQL'
SELECT format('CREATE ROLE %I', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB CREATEROLE BYPASSRLS NOSUPERUSER', :'role') \gexec
-- The API's roles are cluster-wide: made earlier by another role, this one could not grant
-- itself membership on PostgreSQL 16+ (its migrations do that where they create them).
SELECT format('GRANT %I TO %I WITH ADMIN OPTION', rolname, :'role')
  FROM pg_roles WHERE rolname IN ('task_api_app', 'task_api_housekeeping') \gexec
SQL

url="$(node -e 'const u = new URL(process.argv[1]); u.username = process.argv[2]; u.password = ""; console.log(u.href)' "$admin_url" "$role")"
echo "$url"
