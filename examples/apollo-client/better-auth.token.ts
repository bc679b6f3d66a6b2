import type { TokenSource } from './auth.link';

export interface BetterAuthTokenOptions {
  /** Better Auth's base URL (its routes are under /api/auth). */
  readonly baseUrl: string;
  readonly email: string;
  readonly password: string;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** A token source that can be told its token was refused and must be replaced. */
export interface RefreshableToken {
  readonly getToken: TokenSource;
  /** A new JWT from Better Auth; concurrent callers share one request. */
  refresh(): Promise<string>;
}

/**
 * Signs in to Better Auth with email and password (a session cookie, as a browser would hold)
 * and takes the API's JWT from its JWT plugin's /api/auth/token. An expired session signs in
 * again once; anything else Better Auth refuses is thrown.
 */
export function createBetterAuthToken(options: BetterAuthTokenOptions): RefreshableToken {
  const base = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  let cookie: string | undefined;
  let token: string | undefined;
  let pending: Promise<string> | undefined;

  const signIn = async () => {
    const res = await send(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: options.email, password: options.password }),
    });
    if (!res.ok) throw new Error(`Better Auth sign-in failed: HTTP ${res.status}`);
    cookie = res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
  };

  const fetchToken = async (): Promise<string> => {
    if (!cookie) await signIn();
    let res = await send(`${base}/api/auth/token`, { headers: { cookie: cookie! } });
    if (res.status === 401) {
      await signIn();
      res = await send(`${base}/api/auth/token`, { headers: { cookie: cookie! } });
    }
    if (!res.ok) throw new Error(`Better Auth /api/auth/token failed: HTTP ${res.status}`);
    const body = (await res.json()) as { token?: unknown };
    if (typeof body.token !== 'string') throw new Error('Better Auth answered no token');
    return body.token;
  };

  const refresh = () => {
    pending ??= fetchToken()
      .then((fresh) => (token = fresh))
      .finally(() => (pending = undefined));
    return pending;
  };

  return { getToken: () => token ?? refresh(), refresh };
}

/** Creates a Better Auth account (email and password); first run of the example only. */
export async function signUpWithBetterAuth(
  options: BetterAuthTokenOptions & { readonly name: string },
): Promise<void> {
  const res = await (options.fetch ?? fetch)(
    `${options.baseUrl.replace(/\/+$/, '')}/api/auth/sign-up/email`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: options.email,
        password: options.password,
        name: options.name,
      }),
    },
  );
  if (!res.ok) throw new Error(`Better Auth sign-up failed: HTTP ${res.status}`);
}
