import { settle, unwrap, type Settled } from './statement-pipeline';

/**
 * Counts the statements a transaction hands to its connection. They reach the database in
 * the order handed over, answered or not, so a write whose statements depend on each other
 * (a task, then its links) can hand each over as soon as the one before it is, and they all
 * leave in one round trip instead of one each.
 */
export class HandOver {
  private count = 0;
  private waiting: (() => void)[] = [];

  /** A statement was handed over. */
  note(): void {
    this.count += 1;
    if (this.waiting.length === 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }

  /**
   * Starts each step once the one before has handed over a statement, or ended without one.
   * A step's first statement must be the one the steps behind rely on, and nothing else may
   * hand statements over meanwhile: the count cannot tell whose a statement is. It waits for
   * every step, so none is still running when the caller moves on (a rollback, say), and
   * throws the first failure in the steps' order: the statements behind a failed one only
   * report the aborted transaction.
   */
  async inOrder(
    steps: readonly (() => Promise<unknown>)[],
    /**
     * Called once every step has handed over its statement or ended: `clean` unless one ended
     * with an error before handing a statement over (a refusal in JavaScript).
     */
    handedOver?: (clean: boolean) => void,
  ): Promise<unknown[]> {
    const outcomes: Promise<Settled<unknown>>[] = [];
    let clean = true;
    for (const step of steps) {
      const before = this.count;
      const outcome = settle(Promise.resolve().then(step));
      outcomes.push(outcome);
      if (this.count === before) {
        const ended = await Promise.race([outcome, this.next()]);
        if (ended && !ended.ok) clean = false;
      }
    }
    handedOver?.(clean);
    return (await Promise.all(outcomes)).map(unwrap);
  }

  private next(): Promise<void> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}
