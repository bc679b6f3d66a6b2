import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { resolveAuthSecret } from './auth/dev-secret';
import { TokenVerifier } from './auth/token-verifier';
import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import { createFormatError } from './errors/format-error';
import type { RequestContext } from './graphql/context';
import { createContextFactory } from './graphql/context-factory';
import { createGraphQLHandler } from './http/graphql-handler';
import { healthRoute } from './http/health.route';
import { createRouter } from './http/router';
import { createLogger, type Logger } from './log/logger';
import { buildAppSchema } from './schema/build-schema';

export interface AppOptions {
  readonly log?: Logger;
  /**
   * Test-only seam for the ablation suite: false switches the application's owner filter
   * off so the tests can prove row-level security alone keeps users apart. Not reachable
   * from configuration or requests: main.ts never passes it.
   */
  readonly ownerFilter?: boolean;
}

export interface App {
  readonly url: string;
  readonly port: number;
  readonly database: Database;
  /** The secret tokens are checked with (generated in development when none is set). */
  readonly authSecret: string;
  readonly secretGenerated: boolean;
  readonly log: Logger;
  close(): Promise<void>;
}

/** Builds and starts everything; tests call it with port 0. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const { secret, generated } = await resolveAuthSecret(config);
  const database = await openDatabase(config, log);
  try {
    const schema = await buildAppSchema();
    const apollo = new ApolloServer<RequestContext>({
      schema,
      formatError: createFormatError({ log, production: config.isProduction }),
      includeStacktraceInErrorResponses: false,
      introspection: !config.isProduction,
      csrfPrevention: true,
      plugins: config.isProduction ? [ApolloServerPluginLandingPageDisabled()] : [],
    });
    await apollo.start();
    const verifier = new TokenVerifier({
      secret,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      maxTtlSeconds: config.maxTokenTtlSeconds,
    });
    const handleGraphQL = createGraphQLHandler({
      apollo,
      createContext: createContextFactory({
        verifier,
        dataSource: database.dataSource,
        ownerFilter: options.ownerFilter,
      }),
      log,
    });
    const server: Server = createHttpServer(
      createRouter({
        '/graphql': handleGraphQL,
        '/healthz': healthRoute,
      }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
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
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
