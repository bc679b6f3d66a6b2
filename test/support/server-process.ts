import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '../..');
const START_TIMEOUT_MS = 45_000;

export interface ServerProcess {
  readonly url: string;
  stop(): Promise<void>;
  /** SIGKILL: the process dies as in a crash, with no cleanup of its own. */
  kill(): Promise<void>;
}

/**
 * The real entry point (src/main.ts compiled in memory) as a process of its own: a second
 * instance over the same database, as production runs several.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--require', './scripts/swc-register.cjs', 'src/main.ts'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server process did not start: ${stderr}`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited (${code}): ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { event?: string; url?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.event !== 'listening' || !entry.url) return;
      clearTimeout(timer);
      resolve({
        url: entry.url,
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
