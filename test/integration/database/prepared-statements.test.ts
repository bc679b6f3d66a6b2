import { Client } from 'pg';
import { OneSyncQuery } from '../../../src/db/pipeline/one-sync-query';
import { createProject, ok } from '../../support/api';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

const LIST = '{ tasks(first: 5) { nodes { title project { name } tags { name } } } }';

/** What each statement sent to the driver looked like: named, or plain text. */
function recordQueries() {
  const original = Client.prototype.query;
  const sent: { name?: string; text: string }[] = [];
  // A statement bound by name alone (one-sync-query.ts) is the text prepared under it.
  const prepared = new Map<string, string>();
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [first] = args;
    if (typeof first === 'string') sent.push({ text: first });
    else if (first instanceof OneSyncQuery) {
      for (const { name } of first.statements) sent.push({ name, text: prepared.get(name)! });
    } else if (first && typeof first === 'object' && 'text' in first) {
      const { name, text } = first as { name?: string; text: string };
      if (name) prepared.set(name, text);
      sent.push({ name, text });
    }
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return { sent, restore: () => (Client.prototype.query = original) };
}

describe.each(TEST_TARGETS)('prepared statements on $name', (target) => {
  describe.each([
    ['on by default', {}, true],
    ['off with DB_PREPARED_STATEMENTS=false', { DB_PREPARED_STATEMENTS: 'false' }, false],
  ] as const)('%s', (_label, env, named) => {
    let recorder: ReturnType<typeof recordQueries>;
    // Before the server: jest runs afterAll hooks in declaration order, so this runs while it is up.
    afterAll(() => {
      recorder?.restore();
    });
    const server = useTestServer(target, env);
    beforeAll(async () => {
      recorder = recordQueries();
    });

    it('should send the same statement under one name each time, answering the same', async () => {
      const user = await server.user();
      await createProject(user);
      await user.gql('mutation { createTask(input: { title: "t" }) { id } }');
      recorder.sent.length = 0;
      const first = ok(await user.gql(LIST));
      const firstSent = [...recorder.sent];
      recorder.sent.length = 0;
      const second = ok(await user.gql(LIST));
      expect(second).toEqual(first);
      // The second run binds what the first prepared, with the opening, by name alone.
      if (named) expect(recorder.sent.every((q) => q.text !== undefined)).toBe(true);
      // The page's statement: the one that reads tasks with their relations (compiled, or
      // TypeORM's with its prefetch columns when COMPILED_READS is off).
      const page = (list: typeof firstSent) =>
        list.find((q) => /FROM "?tasks"? "?t"?\b/.test(q.text) && /\btags\b/.test(q.text));
      expect(page(firstSent)).toBeDefined();
      if (named) {
        expect(page(firstSent)!.name).toMatch(/^task_api_[0-9a-f]{6}_\d+_\d+$/);
        expect(page(recorder.sent)!.name).toBe(page(firstSent)!.name);
      } else {
        expect(firstSent.every((q) => q.name === undefined)).toBe(true);
      }
      // The opening: START as plain text, then the settings and the revocation check, which
      // carry parameters and so are named like any other statement when the option is on.
      expect(firstSent[0]).toEqual({ text: 'START TRANSACTION ISOLATION LEVEL REPEATABLE READ' });
      expect(firstSent[1]!.text).toMatch(/^SELECT set_config\('role', \$1, true\)/);
      expect(firstSent[2]!.text).toContain('refuse_revoked_token()');
      for (const opening of firstSent.slice(1, 3)) {
        if (named) expect(opening.name).toMatch(/^task_api_[0-9a-f]{6}_\d+_\d+$/);
        else expect(opening.name).toBeUndefined();
      }
    });
  });
});
