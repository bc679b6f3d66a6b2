import { performance } from 'node:perf_hooks';
import type { StatementTimer } from '../request-transaction';

/**
 * Database time of a request whose statements overlap on the wire (pipelined): only the
 * time at least one is in flight counts, so db stays the time spent waiting on PostgreSQL
 * and each statement is still counted once.
 */
export class BusyClock {
  private inFlight = 0;
  private busySince = 0;

  constructor(private readonly timer: StatementTimer | undefined) {}

  start(): void {
    if (this.inFlight === 0) this.busySince = performance.now();
    this.inFlight += 1;
  }

  end(): void {
    this.inFlight -= 1;
    this.timer?.addDb(this.inFlight === 0 ? performance.now() - this.busySince : 0);
  }

  /** Runs `work` as one statement on the clock; `took` gets its own time, within db's. */
  async time<T>(work: Promise<T>, took?: (elapsedMs: number) => void): Promise<T> {
    this.start();
    const started = performance.now();
    try {
      return await work;
    } finally {
      took?.(performance.now() - started);
      this.end();
    }
  }
}
