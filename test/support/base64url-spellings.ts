const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Every other base64url text that decodes to the same bytes as `part`: its last character
 * swapped for each one that differs only in the unused low bits (RFC 4648 §3.5).
 */
export function otherSpellings(part: string): string[] {
  const bytes = Buffer.from(part, 'base64url');
  const stem = part.slice(0, -1);
  return [...ALPHABET]
    .map((last) => stem + last)
    .filter((text) => text !== part && Buffer.from(text, 'base64url').equals(bytes));
}

/** The token with its part `index` (0 header, 1 payload, 2 signature) spelled each other way. */
export function respelledTokens(token: string, index: 0 | 1 | 2): string[] {
  const parts = token.split('.');
  return otherSpellings(parts[index]!).map((spelling) =>
    parts.map((part, i) => (i === index ? spelling : part)).join('.'),
  );
}
