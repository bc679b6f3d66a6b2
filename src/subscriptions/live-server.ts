import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { LiveSettings, OperationLimits } from '../config';
import type { DocumentResolver } from '../documents/document-resolver';
import { RateLimitedError, UnauthenticatedError } from '../errors/errors';
import type { ContextFactory, RequestInfo } from '../request/context-factory';
import { clientAddress } from '../http/client-address';
import type { DpopTargets } from '../http/dpop-targets';
import type { Logger } from '../log/logger';
import type { SubscriptionMetrics } from '../metrics/subscription-metrics';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import type { ChangeHub } from './change-hub';
import { Close } from './close-codes';
import { LiveSession } from './live-session';
import type { SocketPlaces } from './socket-places';
import { subscribeWithEventContexts } from './subscription-execution';
import { createSubscriptionOperation } from './subscription-operation';
import { attachTransport, type SocketExtra } from './ws-transport';

export interface LiveServerOptions {
  readonly schema: GraphQLSchema;
  readonly contexts: ContextFactory;
  readonly hub: ChangeHub;
  readonly rateLimiter: RateLimiter;
  /** APQ and trusted documents, as for HTTP. */
  readonly documents: DocumentResolver;
  readonly settings: LiveSettings;
  /** WS_MAX_SOCKETS_PER_USER's count: in Redis across instances, or this process's. */
  readonly sockets: SocketPlaces;
  readonly limits: OperationLimits;
  readonly production: boolean;
  readonly corsOrigins: readonly string[];
  /** The URLs a DPoP proof for the upgrade may name (htu), as over HTTP. */
  readonly dpopTargets: DpopTargets;
  readonly trustProxyHops: number;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly metrics: SubscriptionMetrics;
  readonly authFailures: { inc(): void };
  readonly isDraining: () => boolean;
  readonly log: Logger;
}

type Extra = { extra: SocketExtra };

/**
 * Subscriptions at /graphql over graphql-transport-ws. connection_init's token goes through
 * the HTTP path's verifier, key-binding and revocation checks; any failure closes with 4401.
 */
export function attachLiveServer(server: Server, options: LiveServerOptions) {
  const { contexts, hub, rateLimiter, settings, metrics, log } = options;
  const { sockets } = options;
  const prepare = createSubscriptionOperation({
    schema: options.schema,
    limits: options.limits,
    production: options.production,
    rateLimiter,
    documents: options.documents,
    maxSubscriptions: settings.maxSubscriptions,
  });
  const format = (errors: readonly { toJSON(): GraphQLFormattedError }[]) =>
    errors.map((error) => options.formatError(error.toJSON(), error));

  const authenticate = async ({ extra }: Extra, params: Record<string, unknown>) => {
    const { request } = extra;
    const ip = clientAddress(request, options.trustProxyHops);
    const socketLog = log.child({ requestId: randomUUID(), transport: 'ws' });
    const text = (value: unknown) => (typeof value === 'string' ? [value] : undefined);
    const info: RequestInfo = {
      authorization: text(params['authorization'] ?? params['Authorization']),
      dpop: text(params['dpop']),
      // The upgrade request is a GET to this URL: a DPoP proof names it like an HTTP one.
      method: 'GET',
      urls: options.dpopTargets('/graphql'),
      ip,
      log: socketLog,
    };
    try {
      await rateLimiter.checkAddress(ip, socketLog);
      const viewer = await contexts.authenticate(info);
      const userLog = socketLog.child({ userId: viewer.id });
      // Revocation is a database read, as on HTTP: one transaction that writes nothing. Its
      // opening is judged at commit (a pipelined opening leaves with the first statements), so
      // committing is what refuses a revoked token here; a rollback would skip the check.
      const opening = await contexts.open(info, viewer, userLog);
      await opening.tx.commit();
      return { viewer, userLog, info };
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        options.authFailures.inc();
        await rateLimiter.authFailed(ip, socketLog).catch(() => undefined);
        extra.end(Close.UNAUTHORIZED);
      } else if (error instanceof RateLimitedError) {
        extra.end(Close.UNAUTHORIZED);
      } else {
        socketLog.error({ err: error, event: 'ws_connect_failed' }, 'socket refused: unavailable');
        extra.end(Close.UNAVAILABLE);
      }
      return undefined;
    }
  };

  const graphqlWs: ServerOptions<Record<string, unknown>, SocketExtra> = {
    schema: options.schema,
    connectionInitWaitTimeout: settings.initTimeoutMs,
    async onConnect(ctx) {
      const { extra } = ctx;
      if (!hub.available) {
        extra.end(Close.UNAVAILABLE);
        return false;
      }
      const accepted = await authenticate(ctx, ctx.connectionParams ?? {});
      if (!accepted) return false;
      const { viewer, userLog, info } = accepted;
      if (extra.socket.readyState !== extra.socket.OPEN) return false;
      const lease = await sockets.take(viewer.id);
      if (!lease) {
        userLog.warn(
          { event: 'limit_rejected', limit: 'sockets', max: settings.maxSocketsPerUser },
          'socket refused: too many sockets',
        );
        extra.end(Close.TOO_MANY_SOCKETS);
        return false;
      }
      // Closed while its place was being taken (a Redis round trip): given back at once.
      if (extra.socket.readyState !== extra.socket.OPEN) {
        lease.release();
        return false;
      }
      const session = new LiveSession({
        viewer,
        log: userLog,
        hub,
        open: () => contexts.open(info, viewer, userLog),
        close: (cause) => extra.end(cause),
      });
      session.onEnd(() => lease.release());
      extra.session = session;
      return session.isOpen;
    },
    async onSubscribe(ctx, _id, payload) {
      const session = ctx.extra.session;
      if (!session?.isOpen) return [new UnauthenticatedError()];
      const prepared = await prepare(session, payload);
      if (!Array.isArray(prepared)) metrics.activeSubscriptions.inc();
      return prepared;
    },
    subscribe: subscribeWithEventContexts,
    onNext(_ctx, _id, _payload, _args, result) {
      metrics.eventsSent.inc();
      return result.errors ? { ...result, errors: format(result.errors) } : undefined;
    },
    onError(_ctx, _id, _payload, errors) {
      return format(errors);
    },
    onComplete(ctx) {
      const session = ctx.extra.session;
      if (session) {
        session.subscriptions -= 1;
        metrics.activeSubscriptions.dec();
      }
    },
  };

  return attachTransport(server, graphqlWs, {
    path: '/graphql',
    origins: options.corsOrigins,
    maxPayload: settings.maxMessageBytes,
    maxBufferedBytes: settings.maxBufferedBytes,
    keepAliveMs: settings.keepAliveMs,
    isDraining: options.isDraining,
    log,
    metrics,
  });
}
