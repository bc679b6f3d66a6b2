import type { ReplayCache } from '../../src/auth/dpop/replay-cache';

/** Unit tests only: the server never keeps replay state in one process's memory. */
export class MemoryReplayCache implements ReplayCache {
  readonly seen = new Set<string>();

  async firstSeen(key: string): Promise<boolean> {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
