import { createProject, ok } from '../../support/api';
import { parseServerTiming } from '../../support/server-timing';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

const LIST = '{ tasks(first: 5) { nodes { title project { name } tags { name } } } }';

describe.each(TEST_TARGETS)('Server-Timing on $name', (target) => {
  const server = useTestServer(target);

  it('should split an answer into auth, db, pool and total, with round trips counted', async () => {
    const user = await server.user();
    await createProject(user);
    const res = await user.gql(LIST);
    ok(res);
    const timing = parseServerTiming(res.headers.get('server-timing'));
    expect(Object.keys(timing)).toEqual(['auth', 'open', 'db', 'pool', 'total']);
    for (const entry of Object.values(timing)) {
      expect(Number.isFinite(entry.dur)).toBe(true);
      expect(entry.dur).toBeGreaterThanOrEqual(0);
    }
    expect(Number(timing.db!.desc)).toBeGreaterThanOrEqual(2);
    expect(timing.total!.dur).toBeGreaterThanOrEqual(timing.db!.dur);
    expect(timing.total!.dur).toBeGreaterThan(timing.auth!.dur);
    // The opening is a round trip (it is counted in db), not part of the token check.
    expect(timing.open!.dur).toBeGreaterThan(0);
    expect(timing.db!.dur).toBeGreaterThanOrEqual(timing.open!.dur);
  });

  it('should answer the header on a refused token, with no database time', async () => {
    const res = await server.post({ query: '{ me { id } }' }, { authorization: 'Bearer nope' });
    expect(res.status).toBe(401);
    const timing = parseServerTiming(res.headers.get('server-timing'));
    expect(timing.db).toEqual({ dur: 0, desc: '0' });
    expect(timing.open).toEqual({ dur: 0 });
    expect(timing.auth!.dur).toBeGreaterThanOrEqual(0);
    expect(timing.total!.dur).toBeGreaterThanOrEqual(timing.auth!.dur);
  });

  it('should answer the header on a document that fails to parse', async () => {
    const user = await server.user();
    const res = await user.gql('{ tasks {');
    expect(res.status).toBe(400);
    expect(Object.keys(parseServerTiming(res.headers.get('server-timing')))).toEqual([
      'auth',
      'open',
      'db',
      'pool',
      'total',
    ]);
  });

  it('should answer the header on a body too large to read', async () => {
    const user = await server.user();
    const res = await server.post(
      { query: `{ me { id } } # ${'x'.repeat(200 * 1024)}` },
      { authorization: `Bearer ${user.token}` },
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('server-timing')).toMatch(/^auth;dur=[\d.]+, open;dur=[\d.]+, db;dur=/);
  });
});

describe.each(TEST_TARGETS)('Server-Timing switched off on $name', (target) => {
  const server = useTestServer(target, { SERVER_TIMING: 'false' });

  it('should leave the header out of answers and refusals alike', async () => {
    const user = await server.user();
    const answered = await user.gql('{ me { id } }');
    ok(answered);
    expect(answered.headers.get('server-timing')).toBeNull();
    const refused = await server.post({ query: '{ me { id } }' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('server-timing')).toBeNull();
  });
});
