import type { QueryRunner } from 'typeorm';
import { getPage } from '../../support/page-request';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';
import { poolSize } from '../../support/pool-size';

const LAST_MIGRATION = 'DpopProofs1764000000002';

describe.each(TEST_TARGETS)('GET /readyz on $name', (target) => {
  const server = useTestServer(target);

  const readyz = async () => {
    const res = await getPage(new URL('/readyz', server.url).href);
    return { status: res.status, body: JSON.parse(res.body.toString('utf8')) };
  };

  it('should answer 200 without a token when the database answers and is migrated', async () => {
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('should answer 503, saying nothing more, while a migration is pending', async () => {
    const { dataSource } = server.app.database;
    const [row] = await dataSource.query(
      'SELECT id, timestamp, name FROM migrations WHERE name = $1',
      [LAST_MIGRATION],
    );
    await dataSource.query('DELETE FROM migrations WHERE name = $1', [LAST_MIGRATION]);
    try {
      expect(await readyz()).toEqual({ status: 503, body: { status: 'unavailable' } });
    } finally {
      await dataSource.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [
        row.id,
        row.timestamp,
        row.name,
      ]);
    }
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('should answer 503 when the database does not answer in time', async () => {
    const { dataSource } = server.app.database;
    // Every pooled connection taken: to the probe, the database is not answering.
    const held: QueryRunner[] = [];
    for (let i = 0; i < poolSize(dataSource); i += 1) {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      held.push(runner);
    }
    try {
      const started = Date.now();
      expect(await readyz()).toEqual({ status: 503, body: { status: 'unavailable' } });
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await Promise.all(held.map((runner) => runner.release()));
    }
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('should refuse methods other than GET and HEAD', async () => {
    const res = await fetch(new URL('/readyz', server.url), { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe.each(TEST_TARGETS)('GET /readyz when requests cannot be served on $name', (target) => {
  const server = useTestServer(target);

  const readyz = async () => (await getPage(new URL('/readyz', server.url).href)).status;

  it('should answer 503 while the app role cannot read what requests read', async () => {
    const user = await server.user();
    expect((await user.gql('{ me { id } }')).status).toBe(200);
    const { dataSource } = server.app.database;
    await dataSource.query('REVOKE SELECT ON users FROM task_api_app');
    try {
      expect((await user.gql('{ me { id } }')).body.data ?? null).toBeNull();
      expect(await readyz()).toBe(503);
    } finally {
      await dataSource.query('GRANT SELECT ON users TO task_api_app');
    }
    expect(await readyz()).toBe(200);
  });

  it('should answer 503 once when the session lost its prepared statements, then heal', async () => {
    const user = await server.user();
    expect((await user.gql('{ me { id } }')).status).toBe(200);
    expect(await readyz()).toBe(200);
    // The driver still believes its statements are prepared; the next named one is missing.
    await server.app.database.dataSource.query('DEALLOCATE ALL');
    expect(await readyz()).toBe(503);
    expect(await readyz()).toBe(200);
    expect((await user.gql('{ me { id } }')).status).toBe(200);
  });
});
