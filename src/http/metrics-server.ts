import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRouter, type RouteHandler } from './router';

export interface MetricsServer {
  readonly url: string;
  close(): Promise<void>;
}

/** /metrics on its own port, by default on 127.0.0.1 only: scrapers inside, nobody outside. */
export async function startMetricsServer(
  route: RouteHandler,
  { port, host }: { port: number; host: string },
): Promise<MetricsServer> {
  const server = createServer(createRouter({ '/metrics': route }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/metrics`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
