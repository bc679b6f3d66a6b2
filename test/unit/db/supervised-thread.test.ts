import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupervisedThread, type ThreadScript } from '../../../src/db/supervised-thread';
import { captureLog } from '../../support/log-capture';

const script: ThreadScript = {
  name: 'the test thread',
  file: join(__dirname, '../../support/threads/flaky-thread.cjs'),
  execArgv: [],
};

describe('SupervisedThread', () => {
  let dir: string;
  let starts: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supervised-thread-'));
    starts = join(dir, 'starts');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const startCount = async () => (await readFile(starts, 'utf8')).trim().split('\n').length;
  const until = async (done: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await done()); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('should start a thread again each time it ends on its own, and log why', async () => {
    const log = captureLog();
    const thread = await SupervisedThread.start(script, { starts, crashes: 2 }, log.logger);
    try {
      await until(async () => log.events('thread_restarted').length === 2);
      expect(await startCount()).toBe(3);
      expect(log.events('thread_exited')).toEqual([
        expect.objectContaining({ thread: 'the test thread', code: 3 }),
        expect.objectContaining({ thread: 'the test thread', code: 3 }),
      ]);
    } finally {
      await thread.stop();
    }
  });

  it('should not start a thread again once it was asked to stop', async () => {
    const log = captureLog();
    const thread = await SupervisedThread.start(script, { starts }, log.logger);
    await thread.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await startCount()).toBe(1);
    expect(log.events('thread_exited')).toEqual([]);
  });

  it('should fail to start with the error that stopped the thread', async () => {
    const log = captureLog();
    await expect(
      SupervisedThread.start(script, { starts, failToStart: true }, log.logger),
    ).rejects.toThrow('cannot start: no such data directory');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await startCount()).toBe(1);
  });
});
