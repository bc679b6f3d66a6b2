import { createHash, randomUUID } from 'node:crypto';
import { signAccountDeletion } from '../../../src/auth/account-deletion-signature';
import { ACCOUNT_DELETED_PATH } from '../../../src/http/account-deleted.route';
import { rowsMentioning } from '../../support/account-rows';
import { createProject, createTag, createTask, errorOf, ok } from '../../support/api';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

const DELETION_SECRET = 'account-deletion-secret-0123456789-abcdef';
const DELETE = 'mutation { deleteAccount }';
const now = () => Math.floor(Date.now() / 1000);

describe.each(TEST_TARGETS)('account deletion on $name', (target) => {
  const server = useTestServer(target, { ACCOUNT_DELETION_SECRET: DELETION_SECRET });

  const hookUrl = () => new URL(ACCOUNT_DELETED_PATH, server.url).href;
  const callHook = (body: string, signature?: string, method = 'POST') =>
    fetch(hookUrl(), {
      method,
      headers: {
        'content-type': 'application/json',
        ...(signature !== undefined ? { 'x-signature': signature } : {}),
      },
      ...(method === 'POST' ? { body } : {}),
    });
  const hookFor = (userId: string) => {
    const body = JSON.stringify({ userId });
    return callHook(body, signAccountDeletion(DELETION_SECRET, body));
  };

  /** A user with one of everything: project, tags, tasks (one tagged), a revoked token, a cutoff. */
  async function populated(): Promise<TestUser & { email: string; name: string; older: string }> {
    const email = `${randomUUID()}@example.com`;
    const name = `Name ${randomUUID()}`;
    const user = await server.user({ email, name });
    ok(await user.gql('{ me { id } }'));
    const project = await createProject(user, { name: 'Mine' });
    const tag = await createTag(user);
    await createTask(user, { projectId: project.id, tagIds: [tag.id] });
    await createTask(user, { title: 'loose' });
    const revoked = await server.token({ sub: user.id, jti: randomUUID() });
    ok(await server.post({ query: 'mutation { revokeCurrentToken }' }, bearer(revoked)));
    const cutoff = await server.token({ sub: user.id, iat: now() - 60 });
    ok(await server.post({ query: 'mutation { revokeAllTokens }' }, bearer(cutoff)));
    // Issued after the cutoff, before the deletion: must be refused once the account is gone.
    const older = await server.token({ sub: user.id, iat: now() + 2, email, name });
    const fresh = await server.token({ sub: user.id, iat: now() + 2, email, name });
    return { ...user, token: fresh, email, name, older, gql: gqlWith(fresh) };
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const gqlWith = (token: string) => (query: string, variables?: Record<string, unknown>) =>
    server.post({ query, variables }, bearer(token)) as any;

  const mentions = (user: { id: string; email: string; name: string }) =>
    rowsMentioning(server.app.database.dataSource, [user.id, user.email, user.name]);

  async function expectErased(user: { id: string; email: string; name: string; older: string }) {
    expect(await mentions(user)).toEqual({});
    const digest = createHash('sha256').update(user.id).digest('hex');
    const [kept] = await server.app.database.dataSource.query(
      `SELECT count(*)::int AS n FROM deleted_accounts WHERE subject_digest = $1`,
      [digest],
    );
    expect(kept.n).toBe(1);
    const res = await server.post({ query: '{ me { id } }' }, bearer(user.older));
    expect(res.status).toBe(401);
    errorOf(res, 'UNAUTHENTICATED');
  }

  describe('deleteAccount', () => {
    it('should erase every row of the caller and refuse their tokens, other users untouched', async () => {
      const a = await populated();
      const b = await populated();
      const before = await mentions(b);
      expect(Object.keys(before).sort()).toEqual([
        'projects',
        'revoked_tokens',
        'tags',
        'task_tags',
        'tasks',
        'token_cutoffs',
        'users',
      ]);
      expect(ok(await a.gql(DELETE))).toEqual({ deleteAccount: true });
      await expectErased(a);
      const again = await a.gql(DELETE);
      expect(again.status).toBe(401);
      expect(await mentions(b)).toEqual(before);
      expect(
        ok(await b.gql('{ tasks { totalCount } projects { totalCount } tags { id } }')),
      ).toEqual({
        tasks: { totalCount: 2 },
        projects: { totalCount: 1 },
        tags: [expect.objectContaining({ id: expect.any(String) })],
      });
    });

    it('should answer FORBIDDEN to a scoped token and erase nothing', async () => {
      const a = await populated();
      const before = await mentions(a);
      for (const scope of ['tasks:read tasks:write', '']) {
        const scoped = await server.token({ sub: a.id, scope, iat: now() + 2 });
        errorOf(await server.post({ query: DELETE }, bearer(scoped)), 'FORBIDDEN');
      }
      expect(await mentions(a)).toEqual(before);
      ok(await a.gql('{ me { id } }'));
    });

    it('should not bring the user back in later fields of the same document', async () => {
      const a = await populated();
      const res = await a.gql(
        'mutation { deleteAccount createProject(input: { name: "x" }) { id } }',
      );
      // createProject is non-null, so its error nulls the whole answer; the deletion stands.
      expect(res.status).toBe(200);
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.map((e: any) => [e.path, e.extensions.code])).toEqual([
        [['createProject'], 'FORBIDDEN'],
      ]);
      await expectErased(a);
    });
  });

  describe('the account-deleted hook', () => {
    it('should erase the signed user only, and answer 204 again when repeated', async () => {
      const a = await populated();
      const b = await populated();
      const before = await mentions(b);
      expect((await hookFor(a.id)).status).toBe(204);
      await expectErased(a);
      expect((await hookFor(a.id)).status).toBe(204);
      expect(await mentions(b)).toEqual(before);
      ok(await b.gql('{ me { id } }'));
    });

    it('should refuse a missing, wrong, stale or other-body signature with 401 and erase nothing', async () => {
      const a = await populated();
      const before = await mentions(a);
      const body = JSON.stringify({ userId: a.id });
      const otherBody = JSON.stringify({ userId: `${a.id}x` });
      for (const signature of [
        undefined,
        '',
        signAccountDeletion('another-secret-of-enough-length-0123456789', body),
        signAccountDeletion(DELETION_SECRET, body, now() - 301),
        signAccountDeletion(DELETION_SECRET, otherBody),
        signAccountDeletion(DELETION_SECRET, body).toUpperCase(),
      ]) {
        const res = await callHook(body, signature);
        expect({ signature, status: res.status }).toEqual({ signature, status: 401 });
      }
      expect(await mentions(a)).toEqual(before);
    });

    it('should answer 400 to a signed body without a user id, 405 to GET, 413 to a huge body', async () => {
      for (const body of ['{}', 'not json', '{"userId":""}', '{"userId":42}']) {
        expect((await callHook(body, signAccountDeletion(DELETION_SECRET, body))).status).toBe(400);
      }
      expect((await callHook('', undefined, 'GET')).status).toBe(405);
      const huge = JSON.stringify({ userId: 'x'.repeat(5000) });
      expect((await callHook(huge, signAccountDeletion(DELETION_SECRET, huge))).status).toBe(413);
    });
  });
});

describe('the account-deleted hook without ACCOUNT_DELETION_SECRET', () => {
  it('should not exist', async () => {
    const server = await startTestServer(TEST_TARGETS[0]!);
    try {
      const res = await fetch(new URL(ACCOUNT_DELETED_PATH, server.url), { method: 'POST' });
      expect(res.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
