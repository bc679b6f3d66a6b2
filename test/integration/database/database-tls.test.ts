import pino from 'pino';
import { openDatabase } from '../../../src/db/database';
import { OWNERSHIP_SUBSCRIBERS } from '../../../src/ownership/owner.subscriber';

// Tests may read their own settings; the local server runs without TLS.
const baseUrl = process.env.TEST_DATABASE_URL;

(baseUrl ? describe : describe.skip)('DATABASE_URL asking for TLS', () => {
  it('should refuse to fall back to plaintext when the URL says sslmode=require', async () => {
    const url = new URL(baseUrl!);
    url.searchParams.set('sslmode', 'require');
    const config = {
      databaseUrl: url.toString(),
      dataDir: 'memory://',
      dbPoolMax: 1,
      allowRlsBypass: false,
    };
    await expect(
      openDatabase(config, pino({ level: 'silent' }), { subscribers: OWNERSHIP_SUBSCRIBERS }),
    ).rejects.toThrow(/SSL/);
  });
});
