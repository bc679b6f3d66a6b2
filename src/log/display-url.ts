/** A URL fit for the log: credentials and query (which may hold secrets) dropped. */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
