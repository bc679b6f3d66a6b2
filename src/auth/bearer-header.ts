import { MAX_TOKEN_BYTES, TokenRejectedError } from './token-rejected';

// RFC 6750 §2.1 and RFC 9449 §7.1: the scheme is case-insensitive, the token a b64token.
const BEARER = /^(bearer|dpop) ([A-Za-z0-9\-._~+/]+=*)$/i;
const MAX_HEADER_BYTES = MAX_TOKEN_BYTES + 'Bearer '.length;

/**
 * Takes every Authorization value received (`req.headersDistinct.authorization`): with two
 * headers, proxies and the server may each honour a different one, so both are refused.
 */
export function readAccessToken(values: readonly string[] | undefined): {
  scheme: 'Bearer' | 'DPoP';
  token: string;
} {
  if (!values || values.length === 0) throw new TokenRejectedError('missing');
  if (values.length > 1) throw new TokenRejectedError('duplicate_header');
  const value = values[0]!;
  // Before the regex, so a huge header costs nothing but a length check.
  if (Buffer.byteLength(value) > MAX_HEADER_BYTES) throw new TokenRejectedError('too_large');
  const match = BEARER.exec(value);
  if (!match) throw new TokenRejectedError('malformed_header');
  return { scheme: match[1]!.toLowerCase() === 'dpop' ? 'DPoP' : 'Bearer', token: match[2]! };
}

/** The token of a `Bearer` Authorization header (the DPoP scheme is refused here). */
export function readBearerToken(values: readonly string[] | undefined): string {
  const { scheme, token } = readAccessToken(values);
  if (scheme !== 'Bearer') throw new TokenRejectedError('malformed_header');
  return token;
}
