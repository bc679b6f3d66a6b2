import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { StatementPipeline } from '../../../src/db/pipeline/statement-pipeline';

/** A node-postgres client stand-in: what was queried, and what the socket let out. */
function fakeClient() {
  const queued: string[] = [];
  const sent: string[][] = [];
  let corks = 0;
  const flushIfOpen = () => {
    if (corks === 0 && queued.length) sent.push(queued.splice(0));
  };
  const client = {
    pipeline: false,
    connection: {
      stream: {
        cork: () => void (corks += 1),
        uncork: () => {
          corks -= 1;
          flushIfOpen();
        },
      },
    },
    query: (text: string) => {
      queued.push(text);
      flushIfOpen();
      return Promise.resolve({ rows: [] });
    },
  };
  return { client, sent };
}

const always = () => true;

describe('StatementPipeline', () => {
  it('should hold the opening and the first wave in one write until the next macrotask', async () => {
    const { client, sent } = fakeClient();
    const pipeline = new StatementPipeline(client);
    expect(client.pipeline).toBe(true);
    void pipeline.open('START');
    expect(pipeline.admit(always)).toBe(true);
    void client.query('page');
    void client.query('count');
    expect(sent).toEqual([]);
    await nextMacrotask();
    expect(sent).toEqual([['START', 'page', 'count']]);
    expect(pipeline.earlyCommit).toBeUndefined();
  });

  it('should end a write in its own write, behind statements still a few microtasks away', async () => {
    const { client, sent } = fakeClient();
    const pipeline = new StatementPipeline(client);
    void pipeline.open('START');
    pipeline.admit(always);
    void client.query('insert');
    expect(pipeline.mayEnd).toBe(true);
    // The read back was handed over, and reaches the client after TypeORM's own awaits.
    pipeline.endWithWrite();
    for (let hop = 0; hop < 5; hop += 1) await Promise.resolve();
    void client.query('read back');
    expect(pipeline.mayEnd).toBe(false);
    expect(pipeline.earlyCommit).toBeDefined();
    await nextMacrotask();
    await nextMacrotask();
    expect(sent).toEqual([['START', 'insert', 'read back', 'COMMIT']]);
    // Refused, and not a miss: a stored write must not run again.
    expect(pipeline.admit(always)).toBe(false);
    expect(pipeline.missed).toBe(false);
  });

  it('should not offer a write its end in a batch', () => {
    const { client } = fakeClient();
    const pipeline = new StatementPipeline(client);
    pipeline.forbidEarlyCommit();
    expect(pipeline.mayEnd).toBe(false);
  });

  it('should end a read-only transaction in the same write, and refuse what comes after', async () => {
    const { client, sent } = fakeClient();
    const pipeline = new StatementPipeline(client);
    pipeline.commitEarly('doc');
    void pipeline.open('START');
    pipeline.admit(always);
    void client.query('page');
    await nextMacrotask();
    expect(sent).toEqual([['START', 'page', 'COMMIT']]);
    expect(pipeline.earlyCommit).toBeDefined();
    const remembered: string[] = [];
    expect(pipeline.admit(always)).toBe(false);
    pipeline.noteMiss((key) => remembered.push(key));
    expect(pipeline.missed).toBe(true);
    expect(remembered).toEqual(['doc']);
  });

  it('should keep COMMIT for later when the document is known to read in waves or is a batch', async () => {
    for (const setup of [
      (p: StatementPipeline) => (p.commitEarly('doc'), () => false),
      (p: StatementPipeline) => (p.commitEarly('doc'), p.forbidEarlyCommit(), always),
    ]) {
      const { client, sent } = fakeClient();
      const pipeline = new StatementPipeline(client);
      const mayEnd = setup(pipeline);
      pipeline.admit(mayEnd);
      void client.query('page');
      await nextMacrotask();
      expect(sent).toEqual([['page']]);
      expect(pipeline.earlyCommit).toBeUndefined();
      expect(pipeline.admit(mayEnd)).toBe(true);
    }
  });

  it('should send what is queued on flush, once, without waiting for a wave', () => {
    const { client, sent } = fakeClient();
    const pipeline = new StatementPipeline(client);
    void pipeline.open('START');
    pipeline.flush();
    pipeline.flush();
    expect(sent).toEqual([['START']]);
    void client.query('ROLLBACK');
    expect(sent).toEqual([['START'], ['ROLLBACK']]);
  });
});
