import { randomUUID } from 'node:crypto';
import { NOT_FOUND_MESSAGE } from '../../../src/errors/errors';
import { codesOf, dataOf } from '../../support/isolation/graphql';
import { expectAnsweredAsMissing, expectNoTraceOf } from '../../support/isolation/leaks';
import { snapshotOf } from '../../support/isolation/snapshot';
import type { IsolationContext } from './isolation-context';

/** The one answer a mutation gives for a record that is not the caller's. */
function expectNotFound(body: unknown, field: string): void {
  expect(body).toEqual({
    data: null,
    errors: [
      expect.objectContaining({
        message: NOT_FOUND_MESSAGE,
        path: [field],
        extensions: { code: 'NOT_FOUND' },
      }),
    ],
  });
}

/** Runs `work`, then checks neither A's nor B's data changed. */
async function expectNothingChanged(ctx: IsolationContext, work: () => Promise<void>) {
  const { a, b } = ctx;
  const aBefore = await snapshotOf(a.user);
  const bBefore = await snapshotOf(b.user);
  await work();
  expect(await snapshotOf(b.user)).toEqual(bBefore);
  expect(await snapshotOf(a.user)).toEqual(aBefore);
}

export function describeForeignWrites(ctx: IsolationContext): void {
  describe("writing B's records", () => {
    it("should refuse to change or delete B's records with NOT_FOUND, as for a missing id", async () => {
      const { a, b } = ctx;
      const home = a.projects[0]!.id;
      const cases: [field: string, query: string, ids: string[]][] = [
        [
          'updateProject',
          'mutation($id: ID!) { updateProject(id: $id, input: {name: "taken", description: null}) { id name } }',
          b.projects.map((p) => p.id),
        ],
        [
          'deleteProject',
          'mutation($id: ID!) { deleteProject(id: $id) }',
          b.projects.map((p) => p.id),
        ],
        [
          'updateTask',
          'mutation($id: ID!) { updateTask(id: $id, input: {title: "taken", completed: true, projectId: null, tagIds: []}) { id } }',
          b.tasks.map((t) => t.id),
        ],
        [
          'updateTask',
          `mutation($id: ID!) { updateTask(id: $id, input: {projectId: "${home}"}) { id project { id } } }`,
          b.tasks.map((t) => t.id),
        ],
        ['deleteTask', 'mutation($id: ID!) { deleteTask(id: $id) }', b.tasks.map((t) => t.id)],
        [
          'updateTag',
          'mutation($id: ID!) { updateTag(id: $id, input: {name: "taken"}) { id name } }',
          b.tags.map((t) => t.id),
        ],
        ['deleteTag', 'mutation($id: ID!) { deleteTag(id: $id) }', b.tags.map((t) => t.id)],
      ];
      await expectNothingChanged(ctx, async () => {
        for (const [field, query, ids] of cases) {
          for (const id of [...ids, ...ids.map((i) => i.toUpperCase())]) {
            const standIn = id === id.toLowerCase() ? randomUUID() : randomUUID().toUpperCase();
            const res = await expectAnsweredAsMissing(
              a.user,
              b,
              query,
              (value) => ({ id: value }),
              id,
              standIn,
            );
            expectNotFound(res.body, field);
          }
        }
      });
    });

    it("should refuse to put A's tasks in B's project or tag them with B's tags, writing nothing", async () => {
      const { a, b } = ctx;
      const [home, work] = a.projects.map((p) => p.id);
      const [red, blue] = a.tags.map((t) => t.id);
      const task = a.tasks[1]!.id;
      const cases: [field: string, query: string][] = [
        [
          'createTask',
          'mutation($x: ID!) { createTask(input: {title: "mine", projectId: $x}) { id } }',
        ],
        [
          'createTask',
          `mutation($x: ID!) { createTask(input: {title: "mine", projectId: "${home}", tagIds: ["${red}", $x]}) { id } }`,
        ],
        [
          'updateTask',
          `mutation($x: ID!) { updateTask(id: "${task}", input: {projectId: $x}) { id project { id } } }`,
        ],
        [
          'updateTask',
          `mutation($x: ID!) { updateTask(id: "${task}", input: {title: "renamed", tagIds: ["${red}", "${blue}", $x]}) { id tags { id } } }`,
        ],
        [
          'updateTask',
          `mutation($x: ID!) { updateTask(id: "${task}", input: {completed: true, projectId: "${work}", tagIds: [$x]}) { id } }`,
        ],
        [
          'updateTask',
          `mutation($x: ID!) { updateTask(id: "${task}", input: {projectId: null, tagIds: [$x, "${red}"]}) { id } }`,
        ],
      ];
      const foreign = [...b.projects, ...b.tags, ...b.tasks].map((r) => r.id);
      await expectNothingChanged(ctx, async () => {
        for (const [field, query] of cases) {
          for (const id of foreign) {
            const res = await expectAnsweredAsMissing(
              a.user,
              b,
              query,
              (value) => ({ x: value }),
              id,
              randomUUID(),
            );
            expectNotFound(res.body, field);
          }
        }
      });
    });

    it("should treat a document naming B's record like one naming a missing record", async () => {
      const { a, b } = ctx;
      // Each mutation is all-or-nothing; the ones before a refused one stand either way.
      const query = `mutation($id: ID!) {
        kept: createProject(input: {name: "kept"}) { id }
        refused: updateProject(id: $id, input: {name: "taken"}) { id }
      }`;
      const res = await expectAnsweredAsMissing(
        a.user,
        b,
        query,
        (value) => ({ id: value }),
        b.projects[0]!.id,
        randomUUID(),
      );
      expect(codesOf(res)).toEqual(['NOT_FOUND']);
      const { projects } = dataOf(
        await a.user.gql('{ projects(first: 100) { nodes { id name } } }'),
      );
      const kept = projects.nodes.filter((p: { name: string }) => p.name === 'kept');
      expect(kept).toHaveLength(2);
      for (const project of kept) {
        dataOf(
          await a.user.gql('mutation($id: ID!) { deleteProject(id: $id) }', { id: project.id }),
        );
      }
      expect(await snapshotOf(b.user)).toEqual(ctx.bBefore);
    });
  });

  describe('tag names and tokens', () => {
    it("should let A create tags named like B's, refusing only A's own duplicates", async () => {
      const { a, b } = ctx;
      const created: string[] = [];
      for (const tag of b.tags.filter((t) => t.name !== a.commonTagName)) {
        const res = await a.user.gql(
          'mutation($name: String!) { createTag(input: {name: $name}) { id name } }',
          { name: tag.name },
        );
        const { createTag } = dataOf(res);
        expect(createTag.name).toBe(tag.name);
        expect(b.tags.map((t) => t.id)).not.toContain(createTag.id);
        created.push(createTag.id);
        const again = await a.user.gql(
          'mutation($name: String!) { createTag(input: {name: $name}) { id } }',
          { name: tag.name },
        );
        expect(codesOf(again)).toEqual(['BAD_USER_INPUT']);
      }
      // Both have a tag with the common name: A's duplicate is refused for A's tag alone.
      const common = await a.user.gql(
        'mutation($name: String!) { createTag(input: {name: $name}) { id } }',
        { name: a.commonTagName },
      );
      expectNoTraceOf(b, common);
      expect(codesOf(common)).toEqual(['BAD_USER_INPUT']);
      for (const id of created) {
        dataOf(await a.user.gql('mutation($id: ID!) { deleteTag(id: $id) }', { id }));
      }
      expect(await snapshotOf(b.user)).toEqual(ctx.bBefore);
    });

    it("should keep B's token valid when another user revokes all of theirs", async () => {
      const { server, b } = ctx;
      const c = await server.user();
      expect(dataOf(await c.gql('mutation { revokeAllTokens }'))).toEqual({
        revokeAllTokens: true,
      });
      expect((await c.gql('{ me { id } }')).status).toBe(401);
      expect(dataOf(await b.user.gql('{ me { id } }'))).toEqual({ me: { id: b.user.id } });
    });

    it("should keep B's rows and token when another user deletes their account", async () => {
      const { server, b } = ctx;
      const c = await server.user();
      dataOf(await c.gql('mutation { createProject(input: { name: "doomed" }) { id } }'));
      expect(dataOf(await c.gql('mutation { deleteAccount }'))).toEqual({ deleteAccount: true });
      expect((await c.gql('{ me { id } }')).status).toBe(401);
      expect(await snapshotOf(b.user)).toEqual(ctx.bBefore);
      expect(dataOf(await b.user.gql('{ me { id } }'))).toEqual({ me: { id: b.user.id } });
    });
  });
}
