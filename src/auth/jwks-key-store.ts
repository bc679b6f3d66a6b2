import { importJWK, type CryptoKey, type JWK } from 'jose';
import { TokenRejectedError } from './token-rejected';

/** The asymmetric algorithms a JWKS key may verify; HMAC never comes this way. */
export const JWKS_ALGORITHMS = ['EdDSA', 'ES256', 'RS256', 'PS256'] as const;
export type JwksAlgorithm = (typeof JWKS_ALGORITHMS)[number];

export function isJwksAlgorithm(alg: unknown): alg is JwksAlgorithm {
  return typeof alg === 'string' && (JWKS_ALGORITHMS as readonly string[]).includes(alg);
}

export interface JwksKeyStoreOptions {
  /** The one place keys come from; nothing in a token can change it. */
  url: string;
  /** Per fetch; 5 s when absent. */
  timeoutMs?: number;
  /** Larger answers are refused; 64 KiB when absent. */
  maxBytes?: number;
  /** At most one fetch per this many ms, however many unknown kids arrive; 30 s when absent. */
  cooldownMs?: number;
  /** Keys gone from the set still verify for this long (rotation); 10 min when absent. */
  graceMs?: number;
  /** A set older than this is fetched again on next use (failures keep the old one); 10 min. */
  maxAgeMs?: number;
  /** Milliseconds since the epoch; for tests. */
  now?: () => number;
  /** For tests; the global fetch when absent. */
  fetch?: typeof fetch;
  /** Told about each failed fetch (the token is then refused, never thrown past the verifier). */
  onFetchError?: (error: unknown) => void;
}

const MAX_KEYS = 100;
const MAX_KID_LENGTH = 255;
// Private or symmetric material has no place in a public key set.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

interface Entry {
  readonly jwk: JWK;
  /** When the key was first missing from a fetched set; undefined while it is present. */
  removedAt: number | undefined;
  /** Imported keys by algorithm (an RSA key without `alg` may serve RS256 and PS256). */
  readonly imported: Map<JwksAlgorithm, CryptoKey>;
}

function reject(): never {
  throw new TokenRejectedError('bad_signature');
}

/** Whether the key's type fits the algorithm (RFC 7518 §3.1, RFC 8037). */
function fits(jwk: JWK, alg: JwksAlgorithm): boolean {
  switch (alg) {
    case 'EdDSA':
      return jwk.kty === 'OKP' && jwk.crv === 'Ed25519';
    case 'ES256':
      return jwk.kty === 'EC' && jwk.crv === 'P-256';
    case 'RS256':
    case 'PS256':
      return jwk.kty === 'RSA';
  }
}

/** Keeps only public signing keys with a kid; everything else in the set is ignored. */
export function usableKeys(body: unknown): Map<string, JWK> {
  const keys = new Map<string, JWK>();
  const list = (body as { keys?: unknown } | null)?.keys;
  if (typeof body !== 'object' || body === null || !Array.isArray(list)) {
    throw new TypeError('JWKS: no keys array');
  }
  for (const item of list.slice(0, MAX_KEYS)) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const jwk = item as JWK & Record<string, unknown>;
    if (jwk.kty !== 'OKP' && jwk.kty !== 'EC' && jwk.kty !== 'RSA') continue;
    if (PRIVATE_MEMBERS.some((name) => Object.hasOwn(jwk, name))) continue;
    if (typeof jwk.kid !== 'string' || jwk.kid === '' || jwk.kid.length > MAX_KID_LENGTH) continue;
    if (jwk.use !== undefined && jwk.use !== 'sig') continue;
    if (
      jwk.key_ops !== undefined &&
      !(Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify'))
    ) {
      continue;
    }
    if (jwk.alg !== undefined && !isJwksAlgorithm(jwk.alg)) continue;
    if (keys.has(jwk.kid)) continue; // the first wins; a duplicate kid cannot shadow it
    keys.set(jwk.kid, { ...jwk });
  }
  return keys;
}

/**
 * The public keys at one JWKS URL (Better Auth's /api/auth/jwks), fetched on demand, cached,
 * refetched for an unknown kid at most once per cooldown, old keys kept for a grace period.
 */
export class JwksKeyStore {
  private readonly entries = new Map<string, Entry>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly cooldownMs: number;
  private readonly graceMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastSuccess = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: JwksKeyStoreOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError('JwksKeyStore needs an http(s) URL');
    }
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.graceMs = options.graceMs ?? 10 * 60_000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The key for this kid and algorithm, fetching the set when the kid is unknown (rate-limited).
   * Rejects only with a TokenRejectedError.
   */
  async getKey(kid: string, alg: JwksAlgorithm): Promise<CryptoKey> {
    const stale = this.now() - this.lastSuccess >= this.maxAgeMs;
    if (stale || !this.live(kid)) await this.refresh();
    const entry = this.live(kid);
    if (!entry) return reject();
    if (entry.jwk.alg !== undefined && entry.jwk.alg !== alg) {
      throw new TokenRejectedError('alg_not_allowed');
    }
    if (!fits(entry.jwk, alg)) throw new TokenRejectedError('alg_not_allowed');
    let key = entry.imported.get(alg);
    if (!key) {
      try {
        key = (await importJWK({ ...entry.jwk, alg }, alg)) as CryptoKey;
      } catch {
        return reject();
      }
      entry.imported.set(alg, key);
    }
    return key;
  }

  /** The already-imported key, without fetching: undefined when unknown or past its grace. */
  peek(kid: string, alg: JwksAlgorithm): CryptoKey | undefined {
    return this.live(kid)?.imported.get(alg);
  }

  private live(kid: string): Entry | undefined {
    const entry = this.entries.get(kid);
    if (!entry) return undefined;
    if (entry.removedAt !== undefined && this.now() - entry.removedAt >= this.graceMs) {
      this.entries.delete(kid);
      return undefined;
    }
    return entry;
  }

  /** One fetch at a time, at most one per cooldown; failures keep the current keys. */
  private async refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.now() - this.lastAttempt < this.cooldownMs) return;
    this.lastAttempt = this.now();
    this.inFlight = this.load()
      .catch((error: unknown) => this.options.onFetchError?.(error))
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(this.options.url, {
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'error',
      headers: { accept: 'application/json' },
    });
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`JWKS: HTTP ${response.status}`);
    }
    const keys = usableKeys(JSON.parse(await this.readCapped(response)));
    const now = this.now();
    for (const [kid, entry] of this.entries) {
      if (keys.has(kid)) continue;
      entry.removedAt ??= now;
    }
    for (const [kid, jwk] of keys) {
      const old = this.entries.get(kid);
      if (old && JSON.stringify(old.jwk) === JSON.stringify(jwk)) {
        old.removedAt = undefined;
      } else {
        this.entries.set(kid, { jwk, removedAt: undefined, imported: new Map() });
      }
    }
    this.lastSuccess = now;
  }

  private async readCapped(response: Response): Promise<string> {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error('JWKS: response too large');
    }
    if (!response.body) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new Error('JWKS: response too large');
      }
      chunks.push(value);
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  }
}
