/* global process, fetch, Headers, TextEncoder -- Node globals in a plain ES module */
// A real Better Auth server (the `better-auth` package, memory adapter, JWT plugin) for the
// end-to-end tests. Plain ES module run by node in a child process: better-auth ships only ES
// modules, which jest's CommonJS runtime cannot load. Settings come as JSON in
// BETTER_AUTH_TEST_OPTIONS; the URL it listens on is printed as one JSON line on stdout.
// The regions between `guide:` markers are in docs/better-auth.md word for word (a test checks).
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';
import { jwt } from 'better-auth/plugins';
import { SignJWT } from 'jose';

const options = JSON.parse(process.env.BETTER_AUTH_TEST_OPTIONS ?? '{}');
const alg = options.alg ?? 'EdDSA';
const KEY_PAIR = {
  EdDSA: { alg: 'EdDSA', crv: 'Ed25519' },
  ES256: { alg: 'ES256' },
  RS256: { alg: 'RS256' },
};

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseURL = `http://127.0.0.1:${server.address().port}`;
// What the guide reads from the environment, set from the test's options.
process.env.BETTER_AUTH_URL = baseURL;
process.env.BETTER_AUTH_SECRET = options.secret;
process.env.API_URL = options.apiUrl ?? '';
process.env.ACCOUNT_DELETION_SECRET = options.deletionSecret ?? '';

export const auth = betterAuth({
  baseURL: process.env.BETTER_AUTH_URL,
  secret: process.env.BETTER_AUTH_SECRET,
  database: memoryAdapter({ user: [], session: [], account: [], verification: [], jwks: [] }),
  emailAndPassword: { enabled: true },
  user: {
    deleteUser: {
      enabled: true,
      // guide:start account-deleted-hook
      afterDelete: async (user) => {
        const body = JSON.stringify({ userId: user.id });
        const t = Math.floor(Date.now() / 1000);
        const v1 = createHmac('sha256', process.env.ACCOUNT_DELETION_SECRET)
          .update(`${t}.${body}`)
          .digest('hex');
        const res = await fetch(`${process.env.API_URL}/hooks/account-deleted`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-signature': `t=${t},v1=${v1}` },
          body,
        });
        // Not 204: throw, so the failure is seen; the call is idempotent and may be sent again.
        if (res.status !== 204) throw new Error(`API account deletion answered ${res.status}`);
      },
      // guide:end account-deleted-hook
    },
  },
  plugins: [
    jwt({
      jwks: {
        keyPairConfig: KEY_PAIR[alg],
        rotationInterval: options.rotationInterval,
        gracePeriod: options.gracePeriod,
      },
      // guide:start jwt-payload
      jwt: {
        expirationTime: '15m',
        definePayload: ({ user }) => ({ email: user.email, name: user.name }),
      },
      // guide:end jwt-payload
    }),
  ],
});

const TTL_SECONDS = 15 * 60;
const secret = new TextEncoder().encode(process.env.BETTER_AUTH_SECRET);

/** The guide's shared-secret route handler (Path 1), with Node's request in place of Next's. */
async function apiToken(req, res) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const session = await auth.api.getSession({ headers });
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (!session) return send(401, { error: 'unauthenticated' });
  const iat = Math.floor(Date.now() / 1000);
  // guide:start hs256-token
  const token = await new SignJWT({ email: session.user.email, name: session.user.name })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(session.user.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TTL_SECONDS)
    .setJti(randomUUID())
    // Only when the API has BETTER_AUTH_URL (or JWT_ISSUER / JWT_AUDIENCE) set; then required.
    .setIssuer(process.env.BETTER_AUTH_URL)
    .setAudience(process.env.BETTER_AUTH_URL)
    .sign(secret);
  // guide:end hs256-token
  send(200, { token, expiresAt: iat + TTL_SECONDS });
}

const handleAuth = toNodeHandler(auth);
server.on('request', (req, res) => {
  if (req.method === 'POST' && req.url === '/api/api-token') {
    apiToken(req, res).catch(() => res.writeHead(500).end());
    return;
  }
  handleAuth(req, res);
});
process.stdout.write(`${JSON.stringify({ url: baseURL })}\n`);
