import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';

export type BetterAuthAlgorithm = 'EdDSA' | 'ES256' | 'RS256';

export interface BetterAuthOptions {
  /** The JWT plugin's key pair; EdDSA when absent (Better Auth's default). */
  readonly alg?: BetterAuthAlgorithm;
  /** BETTER_AUTH_SECRET; a random one when absent. The API needs it for the HS256 path. */
  readonly secret?: string;
  /** jwks.rotationInterval and jwks.gracePeriod, in seconds. */
  readonly rotationInterval?: number;
  readonly gracePeriod?: number;
  /** The API's origin: deleteUser's afterDelete hook calls its /hooks/account-deleted. */
  readonly apiUrl?: string;
  readonly deletionSecret?: string;
}

export interface BetterAuthUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly password: string;
  /** The session cookie, as a browser would send it. */
  readonly cookie: string;
}

export interface BetterAuthServer {
  /** The origin: Better Auth's baseURL, the tokens' iss and aud, the API's BETTER_AUTH_URL. */
  readonly url: string;
  readonly jwksUrl: string;
  readonly secret: string;
  /** Signs up with email and password: a new user every call. */
  signUp(): Promise<BetterAuthUser>;
  /** GET /api/auth/token with the session cookie: the JWT plugin's token. */
  token(user: BetterAuthUser): Promise<string>;
  /** The set-auth-jwt header of GET /api/auth/get-session. */
  sessionJwt(user: BetterAuthUser): Promise<string>;
  /** The guide's shared-secret route handler: an HS256 token. */
  hs256Token(user: BetterAuthUser): Promise<string>;
  /** POST /api/auth/delete-user: Better Auth's deleteUser, which runs the afterDelete hook. */
  deleteUser(user: BetterAuthUser): Promise<Response>;
  /** Stops the server (its keys and users are gone with it: memory adapter). */
  close(): Promise<void>;
}

const SCRIPT = join(__dirname, 'better-auth', 'auth-server.mjs');
const START_TIMEOUT_MS = 20_000;

function started(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('Better Auth did not start in time')),
      START_TIMEOUT_MS,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stderr()}`));
    };
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0]!;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.once('exit', (code) => fail(new Error(`Better Auth exited with ${code}`)));
  });
}

/** A real Better Auth server (better-auth package, memory adapter, JWT plugin) on a loopback port. */
export async function startBetterAuth(options: BetterAuthOptions = {}): Promise<BetterAuthServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, BETTER_AUTH_TEST_OPTIONS: JSON.stringify({ ...options, secret }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await started(child, () => stderr);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const call = async (path: string, init: RequestInit = {}) => {
    // Better Auth refuses cookie-bearing calls without an Origin: a browser on the app sends it.
    const headers = { origin: url, 'content-type': 'application/json', ...init.headers };
    return fetch(`${url}${path}`, { ...init, headers });
  };
  const expectOk = async (res: Response, what: string) => {
    if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };

  return {
    url,
    jwksUrl: `${url}/api/auth/jwks`,
    secret,
    async signUp() {
      const email = `${randomUUID()}@example.com`;
      const name = `Name ${randomUUID().slice(0, 8)}`;
      const password = `pw-${randomUUID()}`;
      const res = await expectOk(
        await call('/api/auth/sign-up/email', {
          method: 'POST',
          body: JSON.stringify({ email, password, name }),
        }),
        'sign-up',
      );
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { user } = (await res.json()) as { user: { id: string } };
      return { id: user.id, email, name, password, cookie };
    },
    async token(user) {
      const res = await expectOk(
        await call('/api/auth/token', { headers: { cookie: user.cookie } }),
        'token',
      );
      return ((await res.json()) as { token: string }).token;
    },
    async sessionJwt(user) {
      const res = await expectOk(
        await call('/api/auth/get-session', { headers: { cookie: user.cookie } }),
        'get-session',
      );
      const jwt = res.headers.get('set-auth-jwt');
      if (!jwt) throw new Error('get-session answered no set-auth-jwt header');
      return jwt;
    },
    async hs256Token(user) {
      const res = await expectOk(
        await call('/api/api-token', { method: 'POST', headers: { cookie: user.cookie } }),
        'api-token',
      );
      return ((await res.json()) as { token: string }).token;
    },
    deleteUser(user) {
      return call('/api/auth/delete-user', {
        method: 'POST',
        headers: { cookie: user.cookie },
        body: JSON.stringify({ password: user.password }),
      });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
