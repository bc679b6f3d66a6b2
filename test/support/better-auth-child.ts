import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

export interface BetterAuthChild {
  readonly url: string;
  close(): Promise<void>;
}

/** Starts test/support/better-auth-process.ts and resolves once it listens. */
export async function startBetterAuthChild(): Promise<BetterAuthChild> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--require', './scripts/swc-register.cjs', 'test/support/better-auth-process.ts'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Better Auth did not start: ${stderr}`)),
      30_000,
    );
    child.once('exit', (code) => reject(new Error(`Better Auth exited (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
