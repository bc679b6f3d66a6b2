import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../src/db/embedded-postgres';

describe('the embedded database’s socket', () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(undefined);
  });
  afterAll(async () => {
    await embedded?.stop();
  });

  it('should accept a connection while the one before it is still closing', async () => {
    // What the pool does when its idle timeout fires just as a request arrives: the old
    // client's end() is under way, and the new one connects at once.
    const failures: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const client = new Client({ connectionString: embedded.url });
      try {
        await client.connect();
        await client.query('SELECT 1');
      } catch (error) {
        failures.push((error as Error).message);
      }
      void client.end().catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });
});
