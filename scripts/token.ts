import { parseArgs } from 'node:util';
import { resolveAuthSecret } from '../src/auth/dev-secret';
import { signToken } from '../src/auth/token-signer';
import { isValidSubject } from '../src/auth/token-verifier';
import { loadConfig, parseDuration } from '../src/config';

const USAGE = `Usage: npm run token -- --sub <user-id> [--email <email>] [--name <name>]
                      [--scope "<scope> <scope>"] [--ttl 15m]

Prints a signed access token on stdout. Without --scope the token has full access.`;

class UsageError extends Error {}

/** Resolves to the token, or to null when only the usage was asked for. */
async function main(argv: string[]): Promise<string | null> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      sub: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      scope: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  if (!isValidSubject(values.sub))
    throw new UsageError('--sub must be a user id of 1-255 characters');
  const config = loadConfig();
  const ttlSeconds = readTtl(values.ttl, config.maxTokenTtlSeconds);
  const { secret } = await resolveAuthSecret(config);
  return signToken(secret, {
    sub: values.sub,
    ...(values.email !== undefined ? { email: values.email } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.scope !== undefined ? { scope: values.scope } : {}),
    ttlSeconds,
    ...(config.jwtIssuer !== undefined ? { issuer: config.jwtIssuer } : {}),
    ...(config.jwtAudience !== undefined ? { audience: config.jwtAudience } : {}),
  });
}

function readTtl(text: string | undefined, maxSeconds: number): number {
  if (text === undefined) return Math.min(3600, maxSeconds);
  const ms = parseDuration(text);
  const seconds = ms === undefined ? 0 : Math.floor(ms / 1000);
  if (seconds < 1) throw new UsageError('--ttl must be a duration like 30s, 15m or 24h');
  if (seconds > maxSeconds) {
    throw new UsageError(
      `--ttl exceeds the maximum token lifetime of ${maxSeconds}s (MAX_TOKEN_TTL)`,
    );
  }
  return seconds;
}

main(process.argv.slice(2)).then(
  (token) => {
    if (token === null) process.stderr.write(`${USAGE}\n`);
    else process.stdout.write(`${token}\n`);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    // parseArgs reports unknown or malformed options with ERR_PARSE_ARGS_* codes.
    const code = (error as { code?: unknown } | null)?.code;
    if (
      error instanceof UsageError ||
      (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
    ) {
      process.stderr.write(`${USAGE}\n`);
    }
    process.exitCode = 1;
  },
);
