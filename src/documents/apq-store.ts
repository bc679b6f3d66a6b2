/**
 * Where automatically persisted documents are kept, per user: a hash one user registered is
 * unknown to every other, so no one can learn by probing what documents someone else sends
 * (their literals may hold that user's data).
 */
export interface ApqStore {
  get(userId: string, hash: string): Promise<string | undefined>;
  set(userId: string, hash: string, text: string): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  readonly text: string;
  readonly expiresAt: number;
}

/**
 * One process's store, least recently used out first once the texts pass maxChars: a client
 * registering documents without end costs a bounded amount of memory, and at worst makes
 * other clients send a text again.
 */
export class MemoryApqStore implements ApqStore {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxChars: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(userId: string, hash: string): Promise<string | undefined> {
    const key = `${userId}\n${hash}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) {
      this.chars -= entry.text.length;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.text;
  }

  async set(userId: string, hash: string, text: string): Promise<void> {
    if (text.length > this.maxChars) return;
    const key = `${userId}\n${hash}`;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.chars -= previous.text.length;
    }
    this.entries.set(key, { text, expiresAt: this.now() + this.ttlMs });
    this.chars += text.length;
    for (const [oldest, entry] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= entry.text.length;
    }
  }

  /** Characters held, for the bound's test. */
  get size(): number {
    return this.chars;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.chars = 0;
  }
}
