import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { startHousekeeping } from '../../../src/auth/housekeeping';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

// The verifier's default clock-skew allowance on exp.
const TOLERANCE_SECONDS = 30;

describe.each(TEST_TARGETS)('a revoked token near its exp on $name', (target) => {
  const server = useTestServer(target);

  const status = async (token: string, query = '{ me { id } }') =>
    (await server.post({ query }, { authorization: `Bearer ${token}` })).status;

  it('should stay refused after exp, through the allowance, once housekeeping ran', async () => {
    const sub = `user-window-${Date.now()}`;
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + 4;
    const token = await server.token({ sub, iat, ttlSeconds: 4, jti: `window-${sub}` });
    expect(await status(token, 'mutation { revokeCurrentToken }')).toBe(200);
    const db = server.app.database.dataSource;
    const [row] = await db.query(
      `SELECT extract(epoch FROM expires_at)::float8 AS until FROM revoked_tokens WHERE user_id = $1`,
      [sub],
    );
    expect(Number(row.until)).toBe(exp + TOLERANCE_SECONDS);

    await sleep((exp + 3) * 1000 - Date.now());
    const housekeeping = startHousekeeping(db, pino({ level: 'silent' }), 60_000);
    try {
      await housekeeping.purge();
    } finally {
      housekeeping.stop();
    }
    expect(await db.query(`SELECT 1 FROM revoked_tokens WHERE user_id = $1`, [sub])).toHaveLength(
      1,
    );
    // Still within the allowance, so only the revocation refuses it.
    expect(await status(token)).toBe(401);
    const fresh = await server.token({ sub, ttlSeconds: 60 });
    expect(await status(fresh)).toBe(200);
  }, 20_000);
});
