/**
 * Why the database could not be reached at start-up, as one line saying what to check. The
 * driver's own error (and stack) stays out: it names internals, not the setting to fix.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

interface DriverError {
  readonly code?: string;
  readonly message?: string;
}

/** Host, port, user and database of a URL; never its password. */
function parts(url: string) {
  const u = new URL(url);
  return {
    at: `${u.hostname}:${u.port || '5432'}`,
    host: u.hostname,
    user: decodeURIComponent(u.username) || 'the default user',
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'the default database',
  };
}

/** The one-line explanation of a failed first connection, or undefined when it is no such failure. */
export function explainConnectError(
  error: unknown,
  url: string,
): DatabaseUnavailableError | undefined {
  const { code, message = '' } = (error ?? {}) as DriverError;
  const { at, host, user, database } = parts(url);
  const line = (text: string) => new DatabaseUnavailableError(`DATABASE_URL: ${text}`);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return line(`host "${host}" cannot be found: check the host name in DATABASE_URL`);
    case 'ECONNREFUSED':
      return line(
        `connection refused at ${at}: check that PostgreSQL runs there and listens on that port`,
      );
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return line(`no answer from ${at}: check the host, the port and any firewall in between`);
    case '28P01':
      return line(`password authentication failed for user "${user}": check the user and password`);
    case '28000':
      return line(
        `user "${user}" may not connect to ${database} at ${at}: check the user (and pg_hba.conf)`,
      );
    case '3D000':
      return line(`database "${database}" does not exist at ${at}: create it or fix its name`);
  }
  if (/self[- ]signed|certificate|SSL|TLS/i.test(message)) {
    return line(`TLS to ${at} failed (${message}): check sslmode in DATABASE_URL`);
  }
  if (/timeout|terminated unexpectedly/i.test(message)) {
    return line(`no answer from ${at}: check the host, the port and any firewall in between`);
  }
  return undefined;
}
