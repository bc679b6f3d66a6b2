/** The settings JSON the page carries for its script (endpoint, headers, tabs). */
export function playgroundSettings(html: string): {
  endpoint: string;
  headers: string;
  tabs: { query: string; variables?: string }[];
} {
  const match = /<script type="application\/json" id="playground-settings">(.*?)<\/script>/s.exec(
    html,
  );
  if (!match) throw new Error('the page has no settings block');
  return JSON.parse(match[1]!);
}

/** The page's asset URLs, in the order it links them. */
export function assetLinks(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/playground\/assets\/[^"]+)"/g)].map((m) => m[1]!);
}
