import { parseArgs } from 'node:util';
import { resolveAuthSecret } from '../src/auth/dev-secret';
import { loadOrCreateDpopKey } from '../src/auth/dpop/dpop-key-file';
import { createDpopProof } from '../src/auth/dpop/dpop-signer';
import { signToken } from '../src/auth/token-signer';
import { isValidSubject } from '../src/auth/token-claims';
import { loadConfig, parseDuration } from '../src/config';

const USAGE = `Usage: npm run token -- --sub <user-id> [--email <email>] [--name <name>]
                      [--scope "<scope> <scope>"] [--ttl 15m] [--dpop-key <file>]
       npm run token -- --proof --dpop-key <file> --token <token>
                      [--htm POST] [--htu http://localhost:4000/graphql]

Prints a signed access token on stdout. Without --scope the token has full access.
With --dpop-key the token is bound to that key (created as a P-256 JWK if the file is
missing) and is sent as "Authorization: DPoP <token>" with a fresh proof per request:
--proof prints one ("DPoP: <proof>"), valid once, for the request named by --htm/--htu.`;

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
      'dpop-key': { type: 'string' },
      proof: { type: 'boolean' },
      token: { type: 'string' },
      htm: { type: 'string', default: 'POST' },
      htu: { type: 'string', default: 'http://localhost:4000/graphql' },
    },
  });
  if (values.help) return null;
  const keyFile = values['dpop-key'];
  if (values.proof) {
    if (!keyFile || !values.token) throw new UsageError('--proof needs --dpop-key and --token');
    const key = await loadOrCreateDpopKey(keyFile);
    return createDpopProof(key, { htm: values.htm, htu: values.htu, accessToken: values.token });
  }
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
    ...(keyFile !== undefined ? { jkt: (await loadOrCreateDpopKey(keyFile)).jkt } : {}),
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
