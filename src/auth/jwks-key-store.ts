import { importJWK, type CryptoKey, type JWK } from 'jose';
import { JwksFetchError, type JwksFailure } from './jwks-fetch-error';
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
  /**
   * An unknown kid is fetched for at once, but at most once per this many ms per instance, so
   * forged kids cannot make us storm the auth server; 5 s when absent.
   */
  cooldownMs?: number;
  /**
   * A set older than this is fetched again on next use (failures keep the old one); 5 min.
   * It bounds how long a key removed from the set still verifies here.
   */
  maxAgeMs?: number;
  /** Milliseconds since the epoch; for tests. */
  now?: () => number;
  /** For tests; the global fetch when absent. */
  fetch?: typeof fetch;
  /** Told about each failed fetch (the token is then refused, never thrown past the verifier). */
  onFetchError?: (error: JwksFetchError) => void;
  /** Told about each successful fetch (an outage log ends there). */
  onFetched?: () => void;
}

const MAX_KEYS = 100;
const MAX_KID_LENGTH = 255;
// Private or symmetric material has no place in a public key set.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

interface Entry {
  readonly jwk: JWK;
  /** Imported keys by algorithm (an RSA key without `alg` may serve RS256 and PS256). */
  readonly imported: Map<JwksAlgorithm, CryptoKey>;
}

function reject(): never {
  throw new TokenRejectedError('bad_signature');
}

/** A 200 whose body is not a key set: the URL is wrong or the server is broken. */
function invalid(message: string): never {
  throw new JwksFetchError('jwks_invalid', message);
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
    invalid('JWKS: no keys array');
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
 * The public keys at one JWKS URL (Better Auth's /api/auth/jwks), fetched on demand and cached.
 * A kid not in the set is fetched for at once (single-flight, at most once per cooldown); a
 * key the last fetched set no longer lists stops verifying at once.
 */
export class JwksKeyStore {
  private entries = new Map<string, Entry>();
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly cooldownMs: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastSuccess = Number.NEGATIVE_INFINITY;
  /** Why the last fetch failed; undefined once one succeeded. */
  private failure: JwksFailure | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly options: JwksKeyStoreOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError('JwksKeyStore needs an http(s) URL');
    }
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024;
    this.cooldownMs = options.cooldownMs ?? 5_000;
    this.maxAgeMs = options.maxAgeMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get url(): string {
    return this.options.url;
  }

  /**
   * The key for this kid and algorithm, fetching the set when the kid is unknown (rate-limited).
   * Rejects only with a TokenRejectedError: unknown_kid when a fetched set lacks it,
   * jwks_unreachable / jwks_invalid when the set could not be had.
   */
  async getKey(kid: string, alg: JwksAlgorithm): Promise<CryptoKey> {
    if (this.stale() || !this.entries.has(kid)) await this.refresh();
    const entry = this.entries.get(kid);
    if (!entry) throw new TokenRejectedError(this.failure ?? 'unknown_kid');
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

  /**
   * The already-imported key, without fetching: undefined when unknown, or when the set is due
   * for a refetch (so a cached token's key is looked up again, and a removed key found out).
   */
  peek(kid: string, alg: JwksAlgorithm): CryptoKey | undefined {
    if (this.stale()) return undefined;
    return this.entries.get(kid)?.imported.get(alg);
  }

  private stale(): boolean {
    return this.now() - this.lastSuccess >= this.maxAgeMs;
  }

  /** One fetch at a time, at most one per cooldown; failures keep the current keys. */
  private async refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.now() - this.lastAttempt < this.cooldownMs) return;
    this.lastAttempt = this.now();
    this.inFlight = this.load()
      .then(
        () => {
          this.failure = undefined;
          this.options.onFetched?.();
        },
        (error: unknown) => {
          const failure =
            error instanceof JwksFetchError
              ? error
              : new JwksFetchError('jwks_unreachable', String(error), error);
          this.failure = failure.reason;
          this.options.onFetchError?.(failure);
        },
      )
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
      throw new JwksFetchError('jwks_unreachable', `JWKS: HTTP ${response.status}`);
    }
    const bytes = await this.readCapped(response);
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      return invalid('JWKS: not JSON');
    }
    const keys = usableKeys(body);
    // Keys the set no longer lists are dropped: Better Auth removes a key only after its own
    // grace period (jwks.gracePeriod), and an operator removing one wants it refused now.
    const entries = new Map<string, Entry>();
    for (const [kid, jwk] of keys) {
      const old = this.entries.get(kid);
      const same = old && JSON.stringify(old.jwk) === JSON.stringify(jwk);
      entries.set(kid, same ? old : { jwk, imported: new Map() });
    }
    this.entries = entries;
    this.lastSuccess = this.now();
  }

  private async readCapped(response: Response): Promise<Buffer> {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      invalid('JWKS: response too large');
    }
    if (!response.body) return Buffer.alloc(0);
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > this.maxBytes) {
        await reader.cancel().catch(() => undefined);
        invalid('JWKS: response too large');
      }
      chunks.push(value);
    }
    return Buffer.concat(chunks);
  }
}
