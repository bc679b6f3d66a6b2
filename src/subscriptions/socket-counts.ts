/**
 * Open sockets per user on this instance (WS_MAX_SOCKETS_PER_USER). Per instance by
 * design: a socket is bound to one process, and instances × the limit bounds a user overall.
 */
export class SocketCounts {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a place for the user; false when the user is at the limit. */
  take(userId: string): boolean {
    const now = this.counts.get(userId) ?? 0;
    if (now >= this.max) return false;
    this.counts.set(userId, now + 1);
    return true;
  }

  release(userId: string): void {
    const now = this.counts.get(userId) ?? 0;
    if (now <= 1) this.counts.delete(userId);
    else this.counts.set(userId, now - 1);
  }
}
