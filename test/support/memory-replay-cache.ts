import type { ReplayCache } from '../../src/auth/dpop/replay-cache';

/** Unit tests only: the server never keeps replay state in one process's memory. */
export class MemoryReplayCache implements ReplayCache {
  /** Each key seen, with when (ms, by `now`) it is forgotten. */
  readonly seen = new Map<string, number>();

  /** `now`: the clock entries expire by; give the test's fake clock to test the window. */
  constructor(private readonly now: () => number = Date.now) {}

  async firstSeen(key: string, ttlSeconds: number): Promise<boolean> {
    const until = this.seen.get(key);
    if (until !== undefined && this.now() < until) return false;
    this.seen.set(key, this.now() + ttlSeconds * 1000);
    return true;
  }
}
