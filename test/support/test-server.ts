import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { signToken, type TokenClaims } from '../../src/auth/token-signer';
import { loadConfig, type Config } from '../../src/config';
import { createApp, type App, type AppOptions } from '../../src/server';
import type { TestTarget } from './test-database';

export const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: {
      message: string;
      path?: (string | number)[];
      extensions?: Record<string, unknown>;
    }[];
  };
}

export interface TestUser {
  readonly id: string;
  readonly token: string;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
}

export interface TestServer {
  readonly app: App;
  /** What the app was started with: a second instance over the same database takes it too. */
  readonly config: Config;
  readonly url: string;
  /** A new user with a unique sub: every test makes its own. */
  user(claims?: Partial<TokenClaims>): Promise<TestUser>;
  token(claims: TokenClaims): Promise<string>;
  post(body: unknown, headers?: Record<string, string>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export async function startTestServer(
  target: TestTarget,
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<TestServer> {
  const db = await target.create();
  const config = {
    ...loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      BETTER_AUTH_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      ...env,
    }),
    ...db.config,
  };
  const app = await createApp(config, {
    log: pino({ level: env.LOG_LEVEL ?? 'silent' }),
    ...options,
  });
  const post = async (
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse> => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = { raw: text };
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  const token = (claims: TokenClaims) => signToken(TEST_SECRET, claims);
  return {
    app,
    config,
    url: app.url,
    token,
    post,
    async user(claims = {}) {
      const id = claims.sub ?? `user-${randomUUID()}`;
      const t = await token({ sub: id, ...claims });
      return {
        id,
        token: t,
        gql: (query, variables) =>
          post({ query, variables }, { authorization: `Bearer ${t}` }) as Promise<
            GraphQLResponse<any>
          >,
      };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
