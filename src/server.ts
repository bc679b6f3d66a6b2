import { createServer as createHttpServer, type Server } from 'node:http';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { resolveAuthSecret } from './auth/dev-secret';
import { mintDevToken } from './auth/dev-token';
import { JwksKeyStore } from './auth/jwks-key-store';
import { jwksOutageLog } from './auth/jwks-outage-log';
import { TokenVerifier } from './auth/token-verifier';
import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { OWNERSHIP_SUBSCRIBERS } from './ownership/owner.subscriber';
import { createOutageLog } from './db/outage-log';
import { openReplayCache, type OpenReplayCache } from './auth/dpop/open-replay-cache';
import { openDocuments, type OpenDocuments } from './documents/open-documents';
import { trustedDocumentsPlugin } from './plugins/trusted-documents.plugin';
import { createFormatError } from './errors/format-error';
import type { RequestContext } from './request/request-context';
import { createContextFactory } from './request/context-factory';
import { ACCOUNT_DELETED_PATH, createAccountDeletedRoute } from './http/account-deleted.route';
import { withCors } from './http/cors';
import { createGracefulClose } from './http/graceful-close';
import { dpopTargets } from './http/dpop-targets';
import { createGraphQLHandler } from './request/graphql-handler';
import { healthRoute } from './http/health.route';
import { createOpsRoutes } from './http/ops-routes';
import { createRouter } from './http/router';
import { limitAuditPlugin } from './plugins/limit-audit.plugin';
import { operationLimits } from './limits/operation-limits';
import { createLogger, type Logger } from './log/logger';
import { logSecurityChecks } from './log/security-checks';
import { instrumentListener } from './metrics/http-metrics';
import { createMetrics, type Metrics } from './metrics/metrics';
import { startMetricsServer, type MetricsServer } from './http/metrics-server';
import { createMetricsRoute } from './http/metrics.route';
import { metricsPlugin } from './plugins/metrics.plugin';
import { readOnlyPlugin } from './plugins/read-only.plugin';
import { compiledReadsPlugin } from './plugins/compiled-reads.plugin';
import { stringifyAnswer } from './graphql/compiled/spliced-data';
import { createPlayground } from './playground/playground.route';
import { withAddressAdmission } from './request/address-admission';
import { openRateLimiting, type RateLimiting } from './rate-limit/rate-limiting';
import { buildAppSchema } from './graphql/schema/build-schema';
import { openTracing, type Tracing } from './tracing/open-tracing';
import { traceRequests } from './tracing/span';
import { tracingPlugin } from './plugins/tracing.plugin';
import { ChangeHub } from './subscriptions/change-hub';
import { directListener } from './subscriptions/direct-listener';
import { attachLiveServer } from './subscriptions/live-server';
import { RedisSocketPlaces } from './subscriptions/redis-socket-places';
import { SocketCounts } from './subscriptions/socket-counts';
import type { SocketPlaces } from './subscriptions/socket-places';
import type { NotificationSource } from './subscriptions/notification-source';
import { sessionListener } from './subscriptions/session-listener';
import { createSubscriptionMetrics } from './metrics/subscription-metrics';

export interface AppOptions {
  readonly log?: Logger;
  /**
   * Test-only seam for the ablation suite: false switches the application's owner filter
   * off so the tests can prove row-level security alone keeps users apart. Not reachable
   * from configuration or requests: main.ts never passes it.
   */
  readonly ownerFilter?: boolean;
  /** Test-only: traces into this exporter (an in-memory one), whatever the configuration. */
  readonly traceExporter?: SpanExporter;
}

export interface App {
  readonly url: string;
  readonly port: number;
  readonly database: Database;
  /**
   * The secret HS256 tokens are checked with (generated in development when none is set);
   * undefined with JWKS_ONLY.
   */
  readonly authSecret: string | undefined;
  readonly secretGenerated: boolean;
  readonly log: Logger;
  /** Outside production: a token for the demo user, printed at start-up and in the playground. */
  readonly devToken: string | undefined;
  /** This app's Prometheus registry and counters (rate limiting adds its rejections). */
  readonly metrics: Metrics;
  /** The metrics port's URL when METRICS_PORT is set. */
  readonly metricsUrl: string | undefined;
  /** Drains: stops accepting, lets requests in flight finish (SHUTDOWN_TIMEOUT), then closes. */
  close(): Promise<void>;
}

/**
 * What the server stands on, closed in this one order by both a drain and a failed start:
 * the stores that use the database before it, tracing last so the rest is still traced.
 */
async function closeUnderlying(parts: {
  readonly rateLimiting?: { close(): Promise<void> };
  readonly replay?: { close(): Promise<void> };
  readonly documents?: { close(): Promise<void> };
  readonly listener?: { close(): Promise<void> };
  readonly database: { close(): Promise<void> };
  readonly tracing?: { close(): Promise<void> };
}): Promise<void> {
  await parts.rateLimiting?.close();
  await parts.replay?.close();
  await parts.documents?.close();
  await parts.listener?.close();
  await parts.database.close();
  await parts.tracing?.close();
}

/** Builds and starts everything; tests call it with port 0. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel, config.logFormat);
  // JWKS-only: no HS256 token is accepted, so no secret is needed or generated.
  const { secret, generated } = config.jwksOnly
    ? { secret: undefined, generated: false }
    : await resolveAuthSecret(config);
  const database = await openDatabase(config, log, { subscribers: OWNERSHIP_SUBSCRIBERS });
  let rateLimiting: RateLimiting | undefined;
  let metricsServer: MetricsServer | undefined;
  let replay: OpenReplayCache | undefined;
  let documents: OpenDocuments | undefined;
  let tracing: Tracing | undefined;
  let listener: NotificationSource | undefined;
  try {
    tracing = await openTracing(config.tracing, log, options.traceExporter);
    replay = await openReplayCache(config.redis, database.dataSource, log);
    const metrics = createMetrics(database.dataSource);
    const graceful = createGracefulClose({ timeoutMs: config.shutdownTimeoutMs, log });
    const devToken = secret === undefined ? undefined : await mintDevToken(secret, config);
    rateLimiting = await openRateLimiting(
      config.rateLimits,
      config.redis,
      log,
      metrics.rateLimitRejections,
    );
    const { rateLimiter } = rateLimiting;
    const schema = await buildAppSchema();
    const limitOptions = operationLimits(config.limits, config.isProduction, config.introspection);
    documents = await openDocuments(
      config.documents,
      config.redis,
      log,
      schema,
      limitOptions.validationRules ?? [],
    );
    const formatError = createFormatError({ log, production: config.isProduction });
    const apollo = new ApolloServer<RequestContext>({
      schema,
      formatError,
      includeStacktraceInErrorResponses: false,
      introspection: config.introspection,
      csrfPrevention: true,
      // Apollo's own APQ cache is shared by all users; src/documents keeps one per user instead.
      persistedQueries: false,
      allowBatchedHttpRequests: config.limits.maxBatch > 0,
      // main.ts drains on SIGTERM/SIGINT; Apollo's own handler (on in production) would stop
      // it and raise the signal again, ending the process before requests in flight finish.
      stopOnTerminationSignals: false,
      ...limitOptions,
      stringifyResult: stringifyAnswer,
      plugins: [
        // Apollo's own landing page loads from a CDN; development gets our offline GraphiQL.
        ApolloServerPluginLandingPageDisabled(),
        // Answers are never cached (no-store), and its per-field hook wraps every resolver.
        ApolloServerPluginCacheControlDisabled(),
        metricsPlugin(metrics),
        limitAuditPlugin(),
        ...rateLimiting.plugins,
        ...(documents.persistedQueries === 'trusted'
          ? [trustedDocumentsPlugin<RequestContext>(documents.resolver)]
          : []),
        ...(tracing.enabled ? [tracingPlugin<RequestContext>()] : []),
        readOnlyPlugin(),
        // Last: every other plugin's didResolveOperation has run when it answers.
        ...(config.compiledReads
          ? [compiledReadsPlugin({ metrics, ownerFilter: options.ownerFilter })]
          : []),
      ],
    });
    await apollo.start();
    const verifier = new TokenVerifier({
      secret,
      jwksOnly: config.jwksOnly,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      maxTtlSeconds: config.maxTokenTtlSeconds,
      keyStore:
        config.jwksUrl === undefined
          ? undefined
          : new JwksKeyStore({ url: config.jwksUrl, ...jwksOutageLog(log, config.jwksUrl) }),
    });
    const contexts = createContextFactory({
      verifier,
      dataSource: database.dataSource,
      ownerFilter: options.ownerFilter,
      admit: (viewer, userLog) => rateLimiter.admit(viewer, userLog),
      statementTimeoutMs: config.dbStatementTimeoutMs,
      keyBinding: {
        required: config.dpop.required,
        maxAgeSeconds: config.dpop.maxAgeSeconds,
        clockToleranceSeconds: 30,
        replay: replay.cache,
      },
    });
    const outage = createOutageLog(log);
    const proofTargets = dpopTargets({
      publicUrl: config.publicUrl,
      production: config.isProduction,
      listenHost: config.host,
      port: () => (server.address() as AddressInfo | null)?.port ?? config.port,
    });
    const handleGraphQL = createGraphQLHandler({
      apollo,
      createContext: withAddressAdmission(contexts, rateLimiter),
      reopenContext: contexts.reopen,
      log,
      limits: config.limits,
      serverTiming: config.serverTiming,
      dpopTargets: proofTargets,
      trustProxyHops: config.trustProxyHops,
      outage,
      documents: documents.resolver,
    });
    const graphqlRoute = withCors(config.corsOrigins, handleGraphQL);
    const playground =
      config.introspection && createPlayground({ devToken, listenHost: config.host });
    const routes = {
      '/graphql': playground ? playground.withPage(graphqlRoute) : graphqlRoute,
      '/healthz': healthRoute,
      ...createOpsRoutes({
        dataSource: database.dataSource,
        metrics,
        metricsToken: config.metrics.token,
        isDraining: graceful.isDraining,
        log,
        outage,
      }),
      ...(playground ? playground.routes : {}),
      ...(config.accountDeletionSecret
        ? {
            [ACCOUNT_DELETED_PATH]: createAccountDeletedRoute({
              secret: config.accountDeletionSecret,
              dataSource: database.dataSource,
              log,
            }),
          }
        : {}),
    };
    let closing: Promise<void> | undefined;
    const server: Server = createHttpServer(
      {
        // A client sending its request slowly holds only a socket (the body is read before
        // the transaction opens); these bound how long, checked every second.
        requestTimeout: config.requestTimeoutMs,
        headersTimeout: config.requestTimeoutMs,
        connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
      },
      graceful.wrap(
        traceRequests(
          instrumentListener(createRouter(routes, graceful.track), metrics, Object.keys(routes)),
          Object.keys(routes),
        ),
      ),
    );
    // Every instance hears every committed change; PGlite's one session hears its own.
    const hub = new ChangeHub(log);
    const listenUrl = config.databaseListenUrl ?? config.databaseUrl;
    listener =
      database.embedded || !listenUrl ? sessionListener(database) : directListener(listenUrl, log);
    await listener.start(hub);
    // Shared by every instance through Redis, as the rate limits are; else this process's.
    const sockets: SocketPlaces = rateLimiting.redis
      ? new RedisSocketPlaces(rateLimiting.redis, {
          max: config.live.maxSocketsPerUser,
          keyPrefix: config.rateLimits.keyPrefix,
          leaseMs: config.live.socketLeaseMs,
          log,
        })
      : new SocketCounts(config.live.maxSocketsPerUser);
    const live = attachLiveServer(server, {
      schema,
      contexts,
      hub,
      rateLimiter,
      documents: documents.resolver,
      settings: config.live,
      sockets,
      limits: config.limits,
      production: config.isProduction,
      corsOrigins: config.corsOrigins,
      dpopTargets: proofTargets,
      trustProxyHops: config.trustProxyHops,
      formatError,
      metrics: createSubscriptionMetrics(metrics.registry),
      authFailures: metrics.authFailures,
      isDraining: graceful.isDraining,
      log,
    });
    if (config.metrics.port !== undefined) {
      const metricsRoute = createMetricsRoute(metrics.registry, config.metrics.token);
      metricsServer = await startMetricsServer(metricsRoute, {
        port: config.metrics.port,
        host: config.metrics.host,
      });
    }
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    logSecurityChecks(config, log, {
      rateLimitStore: rateLimiting.store,
      socketPlaces: rateLimiting.redis ? 'redis' : 'process',
      secretGenerated: generated,
      documents,
      tracing: tracing.enabled,
    });
    const { port } = server.address() as AddressInfo;
    const host =
      config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    return {
      url: `http://${host}:${port}/graphql`,
      port,
      database,
      authSecret: secret,
      secretGenerated: generated,
      log,
      devToken,
      metrics,
      metricsUrl: metricsServer?.url,
      // Once: a second SIGINT, or a test's cleanup after it closed the app, gets the same drain.
      close() {
        closing ??= (async () => {
          // Together: the drain stops new connections at once; sockets get 1001 meanwhile.
          await Promise.all([graceful.close(server), live.close()]);
          sockets.close();
          await metricsServer?.close();
          await apollo.stop();
          await closeUnderlying({ rateLimiting, replay, documents, listener, database, tracing });
        })();
        return closing;
      },
    };
  } catch (error) {
    await metricsServer?.close();
    await closeUnderlying({ rateLimiting, replay, documents, listener, database, tracing });
    throw error;
  }
}
