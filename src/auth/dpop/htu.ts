/**
 * RFC 9449 §4.3: htu is compared without query and fragment, after normalising scheme and
 * host case and default ports (RFC 3986 §6.2.2-6.2.3). undefined for anything not http(s).
 */
export function normalizeHtu(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password) return undefined;
  return `${url.protocol}//${url.host}${url.pathname}`;
}
