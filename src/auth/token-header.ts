import { isCanonicalBase64url } from './base64url';
import { isJwksAlgorithm, type JwksAlgorithm } from './jwks-key-store';
import { MAX_ID_LENGTH } from './token-claims';
import { MAX_TOKEN_BYTES, reject } from './token-rejected';

/** What a token's header asks for, once it passed every check below. */
export interface CheckedHeader {
  readonly alg: 'HS256' | JwksAlgorithm;
  readonly kid: string | undefined;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
// Keys or key locations chosen by the sender would let an attacker pick the key (RFC 8725 §3.1).
const FORBIDDEN_HEADER_PARAMS = ['jku', 'x5u', 'x5c', 'jwk', 'x5t', 'x5t#S256', 'crit'];
const ALLOWED_TYP = new Set(['jwt', 'application/jwt', 'at+jwt', 'application/at+jwt']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(strictUtf8.decode(Buffer.from(part, 'base64url')));
  } catch {
    return reject('malformed');
  }
}

/** Everything that can be refused without touching the key (RFC 8725). */
export function checkShape(token: unknown, asymmetric: boolean): CheckedHeader {
  if (typeof token !== 'string') reject('malformed');
  if (Buffer.byteLength(token) > MAX_TOKEN_BYTES) reject('too_large');
  const parts = token.split('.');
  if (parts.length !== 3) reject('malformed');
  const [header, payload, signature] = parts as [string, string, string];
  if (!BASE64URL.test(header) || !BASE64URL.test(payload)) reject('malformed');
  // One text per token: a re-spelled copy must not pass for a different token.
  if (!isCanonicalBase64url(header) || !isCanonicalBase64url(payload)) reject('non_canonical');
  const checked = checkHeader(decodeJson(header), asymmetric);
  if (signature === '') reject('bad_signature');
  if (!BASE64URL.test(signature)) reject('malformed');
  if (!isCanonicalBase64url(signature)) reject('non_canonical');
  return checked;
}

function checkHeader(header: unknown, asymmetric: boolean): CheckedHeader {
  if (typeof header !== 'object' || header === null || Array.isArray(header)) reject('malformed');
  const h = header as Record<string, unknown>;
  // HS256 only ever with the secret; an asymmetric alg only ever with a JWKS key.
  const alg = h.alg === 'HS256' || (asymmetric && isJwksAlgorithm(h.alg)) ? h.alg : undefined;
  if (alg === undefined) reject('alg_not_allowed');
  if (FORBIDDEN_HEADER_PARAMS.some((name) => Object.hasOwn(h, name))) reject('forbidden_header');
  // b64:false signs the payload unencoded: another serialisation we never issue.
  if (Object.hasOwn(h, 'b64') && h.b64 !== true) reject('forbidden_header');
  if (h.typ !== undefined && (typeof h.typ !== 'string' || !ALLOWED_TYP.has(h.typ.toLowerCase()))) {
    reject('forbidden_header');
  }
  if (alg === 'HS256') return { alg, kid: undefined };
  // The only thing in a header that can lead to a fetch: an unknown kid, on the configured URL.
  const { kid } = h;
  if (typeof kid !== 'string' || kid === '' || kid.length > MAX_ID_LENGTH) reject('malformed');
  return { alg, kid };
}
