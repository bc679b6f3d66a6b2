import { HandOver } from '../../../src/db/pipeline/hand-over';

/** A fake connection: statements are handed over when sent, answered when told to. */
function connection(handOver: HandOver) {
  const sent: string[] = [];
  const answers: (() => void)[] = [];
  return {
    sent,
    /** Hands `text` over after `hops` microtasks, as TypeORM does after its own awaits. */
    async send(text: string, hops = 3, fails = false): Promise<string> {
      for (let i = 0; i < hops; i += 1) await Promise.resolve();
      handOver.note();
      sent.push(text);
      await new Promise<void>((resolve) => answers.push(resolve));
      if (fails) throw new Error(`${text} failed`);
      return text;
    },
    answerAll() {
      for (const answer of answers.splice(0)) answer();
    },
  };
}

describe('HandOver', () => {
  describe('inOrder', () => {
    it('should start each step once the one before has handed over its statement, before any answer', async () => {
      const handOver = new HandOver();
      const db = connection(handOver);
      // Fewer hops later: started together, the later steps would overtake the earlier.
      const done = handOver.inOrder([
        () => db.send('insert task', 5),
        () => db.send('insert links', 2),
        () => db.send('read back', 0),
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(db.sent).toEqual(['insert task', 'insert links', 'read back']);
      db.answerAll();
      expect(await done).toEqual(['insert task', 'insert links', 'read back']);
    });

    it('should move past a step that ends without a statement', async () => {
      const handOver = new HandOver();
      const db = connection(handOver);
      const done = handOver.inOrder([
        () => Promise.resolve('cached'),
        () => db.send('insert task'),
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(db.sent).toEqual(['insert task']);
      db.answerAll();
      expect(await done).toEqual(['cached', 'insert task']);
    });

    it('should throw the first failure in the steps’ order, after every step has settled', async () => {
      const handOver = new HandOver();
      const db = connection(handOver);
      let lastSettled = false;
      const done = handOver.inOrder([
        () => db.send('check', 1, true),
        () => db.send('insert', 1, true),
        () =>
          db.send('read back').finally(() => {
            lastSettled = true;
          }),
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      db.answerAll();
      await expect(done).rejects.toThrow('check failed');
      expect(lastSettled).toBe(true);
    });

    it('should wait for an answer when a step hands over nothing until it has one', async () => {
      const handOver = new HandOver();
      const db = connection(handOver);
      let answer!: (value: string) => void;
      const done = handOver.inOrder([
        () => new Promise<string>((resolve) => (answer = resolve)),
        () => db.send('behind it'),
      ]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(db.sent).toEqual([]);
      answer('answered');
      await new Promise((resolve) => setImmediate(resolve));
      expect(db.sent).toEqual(['behind it']);
      db.answerAll();
      expect(await done).toEqual(['answered', 'behind it']);
    });

    it('should tell, before any answer, that every step handed over or ended cleanly', async () => {
      const handOver = new HandOver();
      const db = connection(handOver);
      const told: { clean: boolean; sent: string[] }[] = [];
      const done = handOver.inOrder(
        [() => Promise.resolve('cached'), () => db.send('insert'), () => db.send('read back')],
        (clean) => told.push({ clean, sent: [...db.sent] }),
      );
      await new Promise((resolve) => setImmediate(resolve));
      // Told with every statement sent and none answered yet.
      expect(told).toEqual([{ clean: true, sent: ['insert', 'read back'] }]);
      db.answerAll();
      await done;
    });

    it('should tell it was not clean when a step failed before handing over a statement', async () => {
      const handOver = new HandOver();
      const db = connection(handOver);
      const told: boolean[] = [];
      const done = handOver.inOrder(
        [
          () => db.send('insert'),
          () => Promise.reject(new Error('refused')),
          () => db.send('link'),
        ],
        (clean) => told.push(clean),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(told).toEqual([false]);
      db.answerAll();
      await expect(done).rejects.toThrow('refused');
    });
  });
});
