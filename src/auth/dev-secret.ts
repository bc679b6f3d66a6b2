import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config';

export const DEV_SECRET_FILE = 'dev-auth-secret';
const MIN_SECRET_LENGTH = 32;

/**
 * The configured secret, or outside production one kept in dataDir so that development
 * tokens survive restarts without anyone having to invent a secret.
 */
export async function resolveAuthSecret(
  config: Pick<Config, 'authSecret' | 'dataDir' | 'isProduction'>,
): Promise<{ secret: string; generated: boolean }> {
  if (config.authSecret) return { secret: config.authSecret, generated: false };
  if (config.isProduction) throw new Error('BETTER_AUTH_SECRET is required in production');
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const file = join(config.dataDir, DEV_SECRET_FILE);
  try {
    // 'wx': if another process created it first, fall through and use theirs.
    await writeFile(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  // A truncated or emptied file must not quietly become a guessable key.
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable secret: delete it to generate a new one`);
  }
  return { secret, generated: true };
}
