import type { IncomingMessage } from 'node:http';

/**
 * The URL the client addressed, for DPoP's htu: PUBLIC_URL's origin when the server sits
 * behind a proxy or TLS terminator, else this server's Host. A Host that is not a valid
 * authority yields '' and so matches no proof.
 */
export function requestUrl(
  req: IncomingMessage,
  path: string,
  publicUrl: string | undefined,
): string {
  try {
    return new URL(path, publicUrl ?? `http://${req.headers.host ?? ''}`).href;
  } catch {
    return '';
  }
}
