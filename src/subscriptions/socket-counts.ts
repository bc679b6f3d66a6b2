import type { SocketLease, SocketPlaces } from './socket-places';

/**
 * Open sockets per user in this process: the count without Redis (one instance, or the
 * embedded default), and the fallback while Redis is unreachable.
 */
export class SocketCounts implements SocketPlaces {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  take(userId: string): Promise<SocketLease | undefined> {
    return Promise.resolve(this.takeNow(userId));
  }

  /** Synchronous take: the check and the count happen with nothing in between. */
  takeNow(userId: string): SocketLease | undefined {
    const now = this.counts.get(userId) ?? 0;
    if (now >= this.max) return undefined;
    this.counts.set(userId, now + 1);
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.release(userId);
      },
    };
  }

  close(): void {}

  private release(userId: string): void {
    const now = this.counts.get(userId) ?? 0;
    if (now <= 1) this.counts.delete(userId);
    else this.counts.set(userId, now - 1);
  }
}
