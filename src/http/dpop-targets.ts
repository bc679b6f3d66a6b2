/** The URLs a DPoP proof's htu may name for a request to `path`. */
export type DpopTargets = (path: string) => readonly string[];

export interface DpopTargetSettings {
  /** PUBLIC_URL: the origin clients address. */
  readonly publicUrl: string | undefined;
  readonly production: boolean;
  /** The host the server listens on (HOST). */
  readonly listenHost: string;
  /** The port it listens on; known once it listens (PORT may be 0). */
  readonly port: () => number;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * What htu is compared with, never the request's Host header: a client picks that, so a
 * proof made for another server (Host: victim.example) would pass. PUBLIC_URL when set;
 * in production nothing without it (config.ts refuses REQUIRE_DPOP so); in development
 * this server's own listening address: its host or a loopback name, and its port.
 */
export function dpopTargets(settings: DpopTargetSettings): DpopTargets {
  const { publicUrl, production, listenHost } = settings;
  if (publicUrl !== undefined) return (path) => [new URL(path, publicUrl).href];
  if (production) return () => [];
  const host = listenHost.includes(':') ? `[${listenHost}]` : listenHost;
  const hosts =
    WILDCARDS.has(listenHost) || LOOPBACK.includes(host) ? LOOPBACK : [host, ...LOOPBACK];
  return (path) => hosts.map((name) => `http://${name}:${settings.port()}${path}`);
}
