const ALPHABET = /^[A-Za-z0-9_-]+$/;

/**
 * RFC 7515 §2 and RFC 4648 §3.5: unpadded base64url whose unused low bits are zero. The
 * last character of most lengths carries bits no byte uses, so several spellings decode
 * to the same bytes; only this one is accepted, and a token then has exactly one text.
 */
export function isCanonicalBase64url(text: string): boolean {
  return ALPHABET.test(text) && Buffer.from(text, 'base64url').toString('base64url') === text;
}

/** The one canonical spelling of whatever bytes `text` decodes to. */
export function canonicalBase64url(text: string): string {
  return Buffer.from(text, 'base64url').toString('base64url');
}
