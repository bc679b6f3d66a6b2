import { randomUUID } from 'node:crypto';
import { rawRequest } from '../../support/raw-http';
import { generateKeyPair } from 'jose';
import { createDpopProof, dpopKeyFrom, type DpopKey } from '../../../src/auth/dpop/dpop-signer';
import { UNAUTHENTICATED_MESSAGE } from '../../../src/errors/errors';
import { TEST_TARGETS } from '../../support/test-database';
import { startProductionServer } from '../../support/production-server';
import { useTestServer } from '../../support/use-test-server';

const ME = { query: '{ me { id } }' };

async function newKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return dpopKeyFrom(privateKey, publicKey);
}

function expectRefused(res: { status: number; headers: Headers; body: any }) {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  expect(res.body).toEqual({
    errors: [{ message: UNAUTHENTICATED_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }],
  });
}

describe.each(TEST_TARGETS)('DPoP-bound tokens on $name', (target) => {
  let key: DpopKey;
  let sub: string;
  let token: string;
  const proof = (overrides: Partial<Parameters<typeof createDpopProof>[1]> = {}, k = key) =>
    createDpopProof(k, { htm: 'POST', htu: server.url, accessToken: token, ...overrides });
  const call = (headers: Record<string, string>) => server.post(ME, headers);

  const server = useTestServer(target);
  beforeAll(async () => {
    key = await newKey();
  });

  beforeEach(async () => {
    sub = `user-${randomUUID()}`;
    token = await server.token({ sub, jkt: key.jkt });
  });

  it('should accept a bound token with the DPoP scheme and a fresh proof by its key', async () => {
    const res = await call({ authorization: `DPoP ${token}`, dpop: await proof() });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: { id: sub } });
  });

  it('should need a new proof for every request: a replayed proof is refused', async () => {
    const once = await proof();
    expect((await call({ authorization: `DPoP ${token}`, dpop: once })).status).toBe(200);
    expectRefused(await call({ authorization: `DPoP ${token}`, dpop: once }));
  });

  it('should refuse a bound token without a proof, or sent as a plain bearer token', async () => {
    expectRefused(await call({ authorization: `DPoP ${token}` }));
    expectRefused(await call({ authorization: `Bearer ${token}`, dpop: await proof() }));
  });

  it('should refuse proofs for another URL or method, stale ones and ones by another key', async () => {
    const other = await newKey();
    for (const dpop of [
      await proof({ htu: server.url.replace('/graphql', '/other') }),
      await proof({ htu: 'http://evil.example/graphql' }),
      await proof({ htm: 'GET' }),
      await proof({ iat: Math.floor(Date.now() / 1000) - 600 }),
      await proof({}, other),
      await proof({ accessToken: await server.token({ sub, jkt: key.jkt }) }),
    ]) {
      expectRefused(await call({ authorization: `DPoP ${token}`, dpop }));
    }
  });

  it('should refuse an unbound token under the DPoP scheme', async () => {
    const plain = await server.token({ sub });
    expectRefused(await call({ authorization: `DPoP ${plain}`, dpop: await proof() }));
  });

  it('should keep plain bearer tokens working when DPoP is not required', async () => {
    const plain = await server.token({ sub });
    expect((await call({ authorization: `Bearer ${plain}` })).status).toBe(200);
  });
});

describe.each(TEST_TARGETS)('REQUIRE_DPOP on $name', (target) => {
  const server = useTestServer(target, { REQUIRE_DPOP: 'true' });

  it('should refuse plain bearer tokens and accept bound ones with proofs', async () => {
    const sub = `user-${randomUUID()}`;
    expectRefused(
      await server.post(ME, { authorization: `Bearer ${await server.token({ sub })}` }),
    );
    const key = await newKey();
    const token = await server.token({ sub, jkt: key.jkt });
    const dpop = await createDpopProof(key, { htm: 'POST', htu: server.url, accessToken: token });
    const res = await server.post(ME, { authorization: `DPoP ${token}`, dpop });
    expect(res.status).toBe(200);
  });
});

/** POSTs `{ me { id } }` with a Host header of the client's choosing (fetch cannot). */
async function postWithHost(
  url: string,
  host: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: any }> {
  const res = await rawRequest(url, {
    host,
    headers: ['content-type', 'application/json', ...Object.entries(headers).flat()],
    body: JSON.stringify(ME),
  });
  return { status: res.status, body: JSON.parse(res.text) };
}

describe.each(TEST_TARGETS)("DPoP htu against the server's own address on $name", (target) => {
  let key: DpopKey;
  const server = useTestServer(target);
  beforeAll(async () => {
    key = await newKey();
  });

  const bound = async () => {
    const sub = `user-${randomUUID()}`;
    return { sub, token: await server.token({ sub, jkt: key.jkt }) };
  };
  const send = async (host: string, htu: string) => {
    const { sub, token } = await bound();
    const dpop = await createDpopProof(key, { htm: 'POST', htu, accessToken: token });
    return {
      sub,
      res: await postWithHost(server.url, host, { authorization: `DPoP ${token}`, dpop }),
    };
  };

  it('should refuse a proof for another server even when the Host header names it', async () => {
    for (const htu of [
      'http://victim-api.example/graphql',
      'http://victim-api.example:80/graphql',
    ]) {
      const { res } = await send('victim-api.example', htu);
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('should accept a proof naming its listening port on a loopback name, whatever the Host', async () => {
    const { port } = new URL(server.url);
    for (const name of ['localhost', '127.0.0.1']) {
      const { sub, res } = await send('victim-api.example', `http://${name}:${port}/graphql`);
      expect(res).toEqual({ status: 200, body: { data: { me: { id: sub } } } });
    }
    const { res } = await send(
      'victim-api.example',
      `http://localhost:${Number(port) + 1}/graphql`,
    );
    expect(res.status).toBe(401);
  });
});

describe.each(TEST_TARGETS)('DPoP in production on $name', (target) => {
  it('should refuse bound tokens without PUBLIC_URL and accept proofs naming it with it', async () => {
    const key = await newKey();
    for (const publicUrl of [undefined, 'https://api.example.com']) {
      const server = await startProductionServer(
        target,
        publicUrl ? { PUBLIC_URL: publicUrl } : {},
      );
      try {
        const sub = `user-${randomUUID()}`;
        const token = await server.token({ sub, jkt: key.jkt });
        const htu = publicUrl ? `${publicUrl}/graphql` : server.url;
        const dpop = await createDpopProof(key, { htm: 'POST', htu, accessToken: token });
        const res = await server.post(ME, { authorization: `DPoP ${token}`, dpop });
        expect(res.status).toBe(publicUrl ? 200 : 401);
        if (!publicUrl) {
          expect(server.log.events('auth_failure').at(-1)).toMatchObject({
            reason: 'dpop_no_public_url',
          });
        }
      } finally {
        await server.close();
      }
    }
  });
});
