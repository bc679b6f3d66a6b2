import {
  MAX_UNANSWERED,
  mayShare,
  shared,
  unansweredOn,
} from '../../../src/db/pipeline/shared-connection';

describe('shared connections', () => {
  it('should let lone reads share a connection up to the cap, and again once one is answered', async () => {
    const client = {};
    const answers: (() => void)[] = [];
    for (let i = 0; i < MAX_UNANSWERED; i += 1) {
      expect(mayShare(client)).toBe(true);
      shared(client, new Promise<void>((resolve) => answers.push(resolve)));
    }
    expect(mayShare(client)).toBe(false);
    expect(mayShare({})).toBe(true);
    answers.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(unansweredOn(client)).toBe(MAX_UNANSWERED - 1);
    expect(mayShare(client)).toBe(true);
  });

  it('should count a failed read as answered', async () => {
    const client = {};
    shared(client, new Promise<void>(() => undefined));
    let fail!: (error: Error) => void;
    const failing = new Promise<void>((_, reject) => (fail = reject));
    shared(client, failing);
    expect(unansweredOn(client)).toBe(2);
    fail(new Error('connection lost'));
    await failing.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(unansweredOn(client)).toBe(1);
  });
});
