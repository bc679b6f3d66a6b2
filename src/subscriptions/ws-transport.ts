import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { handleProtocols, type ServerOptions } from 'graphql-ws';
import { makeServer } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../log/logger';
import type { SubscriptionMetrics } from '../metrics/subscription-metrics';
import { Close, closeLabel, type CloseCause } from './close-codes';
import type { LiveSession } from './live-session';

/** What graphql-ws hands our hooks alongside each socket. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  /** Set once connection_init's token is accepted. */
  session?: LiveSession;
  /** Ends the socket for one of our causes (recorded for the metrics). */
  end(cause: CloseCause): void;
}

export interface TransportOptions {
  readonly path: string;
  /** CORS_ORIGINS: a browser socket from any other origin is refused at the upgrade. */
  readonly origins: readonly string[];
  /** WS_MAX_MESSAGE_BYTES: a bigger message closes the socket (1009). */
  readonly maxPayload: number;
  /** WS_MAX_BUFFERED_BYTES: unsent bytes past this close the socket as a slow consumer. */
  readonly maxBufferedBytes: number;
  /** WS_KEEPALIVE: ping interval; a socket that has not answered the last ping is dropped. */
  readonly keepAliveMs: number;
  readonly isDraining: () => boolean;
  readonly log: Logger;
  readonly metrics: SubscriptionMetrics;
}

/** After a close frame queued behind a full buffer, how long before the socket is cut. */
const CLOSE_GRACE_MS = 1000;

/**
 * A page served by this host (the playground) may open a socket, as it may fetch: the
 * Origin names the Host the browser connected to. Cross-site pages are what is refused.
 */
function sameOrigin(origin: string, req: IncomingMessage): boolean {
  if (!URL.canParse(origin) || !req.headers.host) return false;
  const { protocol, host } = new URL(origin);
  return (protocol === 'http:' || protocol === 'https:') && host === req.headers.host.toLowerCase();
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * graphql-transport-ws on the HTTP server's own port and path. graphql-ws's own `ws` adapter
 * logs to the console and buffers without bound; this one bounds the send buffer, pings,
 * and reports through our log and metrics.
 */
export function attachTransport(
  server: Server,
  graphqlWs: ServerOptions<Record<string, unknown>, SocketExtra>,
  options: TransportOptions,
): { close(): Promise<void> } {
  const allowed = new Set(options.origins);
  const protocol = makeServer(graphqlWs);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxPayload,
    handleProtocols: (protocols) => handleProtocols(protocols),
  });
  const { log, metrics } = options;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = URL.canParse(req.url ?? '/', 'http://localhost')
      ? new URL(req.url ?? '/', 'http://localhost').pathname
      : '';
    if (path !== options.path) return refuse(socket, '404 Not Found');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin) && !sameOrigin(origin, req)) {
      log.warn({ event: 'ws_origin_refused', origin }, 'socket refused: origin not allowed');
      return refuse(socket, '403 Forbidden');
    }
    if (options.isDraining()) return refuse(socket, '503 Service Unavailable');
    wss.handleUpgrade(req, socket, head, (ws) => opened(ws, req));
  };

  const opened = (ws: WebSocket, request: IncomingMessage) => {
    metrics.openSockets.inc();
    // Why we closed it, for the metrics; unset when the client closed first.
    let label: string | undefined;
    let alive = true;
    const end = (cause: CloseCause) => {
      if (ws.readyState !== ws.OPEN) return;
      label ??= closeLabel(cause.code, cause.reason);
      ws.close(cause.code, cause.reason);
      setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
    };
    const extra: SocketExtra = { socket: ws, request, end };
    const ping = setInterval(() => {
      if (!alive) {
        label ??= 'keepalive_timeout';
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, options.keepAliveMs);
    ping.unref();
    ws.on('pong', () => (alive = true));
    const closed = protocol.opened(
      {
        protocol: ws.protocol,
        send: async (data) => {
          if (ws.readyState !== ws.OPEN) return;
          ws.send(data);
          if (ws.bufferedAmount > options.maxBufferedBytes) {
            extra.session?.log.warn(
              { event: 'slow_consumer', buffered: ws.bufferedAmount },
              'socket closed: slow consumer',
            );
            extra.session?.dispose();
            end(Close.SLOW_CONSUMER);
          }
        },
        close: (code = 1000, reason = '') => end({ code, reason }),
        onMessage: (handle) =>
          ws.on('message', (data: Buffer, isBinary: boolean) => {
            if (isBinary) return end({ code: 4400, reason: 'Binary messages are not accepted' });
            handle(data.toString('utf8')).catch((error: unknown) => {
              log.error({ err: error, event: 'ws_message_failed' }, 'socket message failed');
              end({ code: 4500, reason: 'Internal server error' });
            });
          }),
      },
      extra,
    );
    ws.on('error', (error) => {
      log.debug({ event: 'ws_error', err: error }, 'socket error');
      ws.terminate();
    });
    ws.once('close', (code, reason) => {
      clearInterval(ping);
      metrics.openSockets.dec();
      metrics.socketsClosed.inc({ reason: label ?? closeLabel(code, reason.toString()) });
      extra.session?.dispose();
      closed(code, reason.toString()).catch((error: unknown) =>
        log.error({ err: error, event: 'ws_close_failed' }, 'socket cleanup failed'),
      );
    });
  };

  server.on('upgrade', onUpgrade);
  return {
    async close() {
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) {
        ws.close(Close.GOING_AWAY.code, Close.GOING_AWAY.reason);
        setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
