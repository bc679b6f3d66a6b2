import { randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { createDpopProof, dpopKeyFrom } from '../../../src/auth/dpop/dpop-signer';
import { LiveSocket } from '../../support/live-socket';
import { TEST_TARGETS } from '../../support/test-database';
import { useProductionServer, useTestServer } from '../../support/use-test-server';

const UNAUTHORIZED = { code: 4401, reason: 'Unauthorized' };

/** connection_init with `authorization` (and more) on a new socket: how it ended, or 'ack'. */
async function initWith(url: string, payload: Record<string, unknown>) {
  const socket = await LiveSocket.open(url);
  const outcome = await socket.init(payload);
  await socket.close();
  return outcome;
}

describe.each(TEST_TARGETS)('socket policies shared with HTTP on $name', (target) => {
  describe('REQUIRE_DPOP', () => {
    const server = useTestServer(target, { REQUIRE_DPOP: 'true' });

    it('should refuse a plain bearer token and accept a bound one with a proof of the upgrade', async () => {
      const sub = `user-${randomUUID()}`;
      const bearer = await server.token({ sub });
      expect(await initWith(server.url, { authorization: `Bearer ${bearer}` })).toEqual(
        UNAUTHORIZED,
      );
      const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
      const key = await dpopKeyFrom(privateKey, publicKey);
      const bound = await server.token({ sub, jkt: key.jkt });
      const dpop = await createDpopProof(key, { htm: 'GET', htu: server.url, accessToken: bound });
      expect(await initWith(server.url, { authorization: `DPoP ${bound}`, dpop })).toBe('ack');
    });
  });

  describe('production', () => {
    const server = useProductionServer(target, { AUTH_FAILURE_LIMIT: '3' });

    it('should refuse introspection over the socket in the words HTTP uses', async () => {
      const a = await server.user();
      const query = '{ __schema { queryType { name } } }';
      const http = await a.gql(query);
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('i', query);
      const message = await socket.waitFor((m) => m.id === 'i');
      expect(message.type).toBe('error');
      expect(message.payload).toEqual(http.body.errors);
      await socket.close();
    });

    // Last here: it blocks this suite's one address.
    it('should block an address after too many bad tokens on sockets, good tokens included, and audit it', async () => {
      const a = await server.user();
      // The fourth bad token is the one over the limit, as over HTTP.
      for (let i = 0; i < 4; i += 1) {
        expect(await initWith(server.url, { authorization: 'Bearer forged.token.value' })).toEqual(
          UNAUTHORIZED,
        );
      }
      expect(await initWith(server.url, { authorization: `Bearer ${a.token}` })).toEqual(
        UNAUTHORIZED,
      );
      expect(server.log.events('auth_failure').length).toBeGreaterThanOrEqual(3);
      expect(server.log.events('rate_limited')).toContainEqual(
        expect.objectContaining({ limiter: 'auth_failures', ip: expect.any(String) }),
      );
      // As over HTTP: the address is refused there too.
      expect((await a.gql('{ me { id } }')).status).toBe(429);
    });
  });
});
