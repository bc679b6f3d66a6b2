import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';

/** What a supervised thread answers: listening, and (after any message asking it to stop) closed. */
export type ThreadReply = { readonly type: 'ready' } | { readonly type: 'stopped' };

const FIRST_RESTART_DELAY_MS = 100;
const MAX_RESTART_DELAY_MS = 5_000;

/** Told when the thread ends on its own, and once a new one serves in its place. */
export interface ThreadWatcher {
  lost(): void;
  restored(): Promise<void>;
}

export interface ThreadScript {
  /** What the logs call it. */
  readonly name: string;
  readonly file: string;
  readonly execArgv: readonly string[];
}

/**
 * A worker thread that answers 'ready' once it serves, and 'stopped' after any message asking
 * it to stop; started again whenever it ends on its own. In-thread, a fatal failure would
 * have ended the process; here it would leave the server answering 503 for good.
 */
export class SupervisedThread {
  private worker!: Worker;
  private stopping = false;
  private restartDelayMs = FIRST_RESTART_DELAY_MS;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly watchers: ThreadWatcher[] = [];

  private constructor(
    private readonly script: ThreadScript,
    private readonly data: unknown,
    private readonly log: Pick<Logger, 'error' | 'info'>,
  ) {}

  /** Resolves once the thread serves; rejects with its error if it cannot start. */
  static async start(
    script: ThreadScript,
    data: unknown,
    log: Pick<Logger, 'error' | 'info'>,
  ): Promise<SupervisedThread> {
    const thread = new SupervisedThread(script, data, log);
    await thread.spawn();
    return thread;
  }

  watch(watcher: ThreadWatcher): void {
    this.watchers.push(watcher);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    // Stopped: what the thread holds (PGlite's data directory) is written and closed.
    await reply(worker, 'stopped').catch(() => undefined);
    await Promise.race([exited, worker.terminate()]);
  }

  private async spawn(): Promise<void> {
    const worker = new Worker(this.script.file, {
      workerData: this.data,
      execArgv: [...this.script.execArgv],
    });
    this.worker = worker;
    try {
      await reply(worker, 'ready');
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    this.restartDelayMs = FIRST_RESTART_DELAY_MS;
    // Its error event comes first, then exit: log once, from exit.
    worker.on('error', (error) =>
      this.log.error({ event: 'thread_failed', thread: this.script.name, err: error }, 'failed'),
    );
    worker.once('exit', (code) => this.exited(code));
  }

  private exited(code: number): void {
    if (this.stopping) return;
    const { name } = this.script;
    this.log.error({ event: 'thread_exited', thread: name, code }, `${name} stopped; restarting`);
    for (const watcher of this.watchers) watcher.lost();
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(delay * 2, MAX_RESTART_DELAY_MS);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.spawn().then(
        () => this.restored(),
        (error: unknown) => {
          const fields = { event: 'thread_restart_failed', thread: this.script.name, err: error };
          this.log.error(fields, 'restart failed');
          if (!this.stopping) this.scheduleRestart();
        },
      );
    }, delay);
    this.restartTimer.unref();
  }

  private async restored(): Promise<void> {
    const thread = this.script.name;
    try {
      // In order: the first may prepare what the next rely on (migrations, then LISTEN).
      for (const watcher of this.watchers) await watcher.restored();
      this.log.info({ event: 'thread_restarted', thread }, `${thread} restarted`);
    } catch (error) {
      this.log.error({ event: 'thread_restore_failed', thread, err: error }, 'restore failed');
    }
  }
}

/** The worker's next answer of this type; its error (it could not start) or exit rejects. */
function reply(worker: Worker, type: ThreadReply['type']): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: ThreadReply) => {
      if (message.type !== type) return;
      done();
      resolve();
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the thread exited (${code}) before it was ${type}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}
