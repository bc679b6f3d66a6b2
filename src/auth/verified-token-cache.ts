import type { CryptoKey } from 'jose';
import type { JwksAlgorithm, JwksKeyStore } from './jwks-key-store';
import type { Viewer } from './viewer';

export interface CachedViewer {
  readonly viewer: Viewer;
  /** Seconds: the cache answers only while validFrom <= now < exp. */
  readonly validFrom: number;
  /** For JWKS tokens: the key that verified it, which must still be live on a hit. */
  readonly kid?: string;
  readonly alg?: JwksAlgorithm;
  readonly key?: CryptoKey;
}

/** How many verified tokens are held: what the verifier shows of its cache. */
export interface CacheSize {
  readonly size: number;
}

/** Verified tokens remembered until their exp, least recently used evicted first. */
export class VerifiedTokenCache implements CacheSize {
  private readonly entries = new Map<string, CachedViewer>();

  /** `capacity` 0 remembers nothing. */
  constructor(private readonly capacity: number) {}

  /** A Viewer verified before, while its token is still within [validFrom, exp). */
  get(token: string, nowMs: number, keyStore: JwksKeyStore | undefined): Viewer | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const nowSeconds = nowMs / 1000;
    const keyLive = entry.kid === undefined || keyStore?.peek(entry.kid, entry.alg!) === entry.key;
    if (nowSeconds >= entry.viewer.expiresAt || nowSeconds < entry.validFrom || !keyLive) {
      this.entries.delete(token);
      return undefined;
    }
    this.entries.delete(token); // most recently used goes last
    this.entries.set(token, entry);
    return entry.viewer;
  }

  remember(token: string, entry: CachedViewer): void {
    if (this.capacity <= 0) return;
    this.entries.delete(token);
    this.entries.set(token, entry);
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }

  /** Entries held now. */
  get size(): number {
    return this.entries.size;
  }
}
