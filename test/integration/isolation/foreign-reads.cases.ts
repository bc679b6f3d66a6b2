import { randomUUID } from 'node:crypto';
import { dataOf } from '../../support/isolation/graphql';
import { expectAnsweredAsMissing, expectNoTraceOf } from '../../support/isolation/leaks';
import type { World } from '../../support/isolation/world';
import type { IsolationContext } from './isolation-context';

const BY_ID: Record<'project' | 'task' | 'tag' | 'node', string> = {
  project: `query($id: ID!) { project(id: $id) {
    id name description createdAt updatedAt owner { id }
    tasks(first: 100) { totalCount nodes { id } }
  } }`,
  task: `query($id: ID!) { task(id: $id) {
    id title description completed priority dueAt createdAt updatedAt
    project { id name } tags { id name } owner { id }
  } }`,
  tag: `query($id: ID!) { tag(id: $id) {
    id name owner { id } tasks(first: 100) { totalCount nodes { id } }
  } }`,
  node: `query($id: ID!) { node(id: $id) {
    __typename id
    ... on Task { title description project { id name } tags { id name } owner { id } }
    ... on Project { name description owner { id } tasks(first: 100) { totalCount nodes { id } } }
    ... on Tag { name owner { id } tasks(last: 100) { totalCount nodes { id } } }
  } }`,
};

/** B's record ids of every kind: each lookup is tried with all of them, not just its own kind. */
function recordIds(world: World): string[] {
  return [...world.projects, ...world.tasks, ...world.tags].map((r) => r.id);
}

export function describeForeignReads(ctx: IsolationContext): void {
  describe("reading B's records by id", () => {
    it.each(Object.keys(BY_ID) as (keyof typeof BY_ID)[])(
      "should answer null for B's ids in %s(id:), exactly as for a missing id",
      async (field) => {
        const { a, b } = ctx;
        for (const id of recordIds(b)) {
          // Ids are matched case-insensitively, so B's id in capitals is B's id too.
          for (const [foreign, standIn] of [
            [id, randomUUID()],
            [id.toUpperCase(), randomUUID().toUpperCase()],
          ] as const) {
            const res = await expectAnsweredAsMissing(
              a.user,
              b,
              BY_ID[field],
              (value) => ({ id: value }),
              foreign,
              standIn,
            );
            expect(res.body).toEqual({ data: { [field]: null } });
          }
        }
      },
    );

    it("should answer A's record and null for B's when both are asked in one request", async () => {
      const { a, b } = ctx;
      const res = await a.user.gql(
        `query($mine: ID!, $theirs: ID!, $myTask: ID!, $theirTask: ID!, $myTag: ID!, $theirTag: ID!) {
          mine: project(id: $mine) { id } theirs: project(id: $theirs) { id }
          myTask: task(id: $myTask) { id } theirTask: task(id: $theirTask) { id }
          myTag: tag(id: $myTag) { id } theirTag: tag(id: $theirTag) { id }
        }`,
        {
          mine: a.projects[0]!.id,
          theirs: b.projects[0]!.id,
          myTask: a.tasks[0]!.id,
          theirTask: b.tasks[0]!.id,
          myTag: a.tags[0]!.id,
          theirTag: b.tags[0]!.id,
        },
      );
      expectNoTraceOf(b, res);
      expect(dataOf(res)).toEqual({
        mine: { id: a.projects[0]!.id },
        theirs: null,
        myTask: { id: a.tasks[0]!.id },
        theirTask: null,
        myTag: { id: a.tags[0]!.id },
        theirTag: null,
      });
    });
  });
}
