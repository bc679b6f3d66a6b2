import { readPaths } from '../../support/compiled-path';
import { dataOf } from '../../support/isolation/graphql';
import {
  hasOwnerCondition,
  PER_USER_TABLES,
  ownedRowStatements,
  recordStatements,
  rowsInTables,
  rowsVisibleToAppRole,
  tablesWithRls,
  type WallMode,
} from '../../support/isolation/walls';
import type { World } from '../../support/isolation/world';
import type { IsolationContext } from './isolation-context';

/** What A's seeded records amount to, row by row, in the owned tables. */
function rowsOf(world: World): Record<string, number> {
  return {
    users: 1,
    projects: world.projects.length,
    tasks: world.tasks.length,
    tags: world.tags.length,
    task_tags: world.tasks.reduce((n, task) => n + task.tagIds.length, 0),
  };
}

const NOTHING = Object.fromEntries(PER_USER_TABLES.map((table) => [table, 0]));

/** Reads and writes that reach every owned table, nested lists and filters included. */
const READ_EVERYTHING = `query($p: ID!, $t: ID!, $g: ID!) {
  project(id: $p) { id tasks(first: 5) { totalCount nodes { id } } }
  task(id: $t) { id project { id } tags { id } }
  tag(id: $g) { id tasks(first: 5) { totalCount nodes { id } } }
  projects(first: 5) { totalCount nodes { id tasks(first: 5, filter: {tagId: $g}) { totalCount nodes { id tags { id } } } } }
  tasks(first: 5, filter: {projectId: $p, search: "a"}) { totalCount nodes { id } }
  tags { id tasks(first: 5) { totalCount nodes { id } } }
}`;

/**
 * Proof that an ablation is real: a suite that passes with a wall "off" proves nothing
 * unless the wall is provably off. Both walls are checked in every mode, from underneath the
 * application: the statements it sends, and what the app role sees in the database.
 */
export function describeWallSanity(ctx: IsolationContext, mode: WallMode): void {
  describe('sanity: the walls are as claimed', () => {
    it(
      mode.rls
        ? 'should show the app role only the rows of app.user_id, and none without it'
        : "should show the app role every user's rows, as row-level security is off",
      async () => {
        const { server, a } = ctx;
        const dataSource = server.app.database.dataSource;
        const all = await rowsInTables(dataSource);
        const asA = await rowsVisibleToAppRole(dataSource, a.user.id);
        const asNobody = await rowsVisibleToAppRole(dataSource, '');
        expect(all.tasks).toBeGreaterThan(a.tasks.length);
        if (mode.rls) {
          expect(await tablesWithRls(dataSource)).toEqual(
            expect.arrayContaining([...PER_USER_TABLES]),
          );
          expect(asA).toEqual(rowsOf(a));
          expect(asNobody).toEqual(NOTHING);
        } else {
          expect(await tablesWithRls(dataSource)).toEqual([]);
          expect(asA).toEqual(all);
          expect(asNobody).toEqual(all);
        }
      },
    );

    it(
      mode.ownerFilter
        ? 'should put an owner condition in every statement on owned rows'
        : 'should send statements on owned rows without any owner condition',
      async () => {
        const { server, a } = ctx;
        const user = a.user;
        const [project, task, tag] = [a.projects[0]!, a.tasks[1]!, a.tags[0]!];
        // Throwaway records, so deleting them leaves A's seeded world as it was.
        const spare = dataOf(
          await user.gql(`mutation {
            p: createProject(input: {name: "spare"}) { id }
            g: createTag(input: {name: "spare"}) { id }
          }`),
        );
        const spareTask = dataOf(
          await user.gql(
            'mutation($p: ID, $g: [ID!]) { createTask(input: {title: "spare", projectId: $p, tagIds: $g}) { id } }',
            { p: spare.p.id, g: [spare.g.id] },
          ),
        ).createTask.id;
        const statements = await recordStatements(server.app.database.dataSource, async () => {
          dataOf(await user.gql(READ_EVERYTHING, { p: project.id, t: task.id, g: tag.id }));
          dataOf(
            await user.gql(
              `mutation($p: ID!, $t: ID!, $g: [ID!]) {
                updateProject(id: $p, input: {name: "spare 2"}) { id }
                updateTask(id: $t, input: {title: "spare 2", tagIds: $g}) { id tags { id } }
              }`,
              { p: spare.p.id, t: spareTask, g: [spare.g.id] },
            ),
          );
          dataOf(
            await user.gql(
              `mutation($p: ID!, $t: ID!, $g: ID!) {
                deleteTask(id: $t) deleteTag(id: $g) deleteProject(id: $p)
              }`,
              { p: spare.p.id, t: spareTask, g: spare.g.id },
            ),
          );
        });
        const owned = ownedRowStatements(statements);
        expect(owned.length).toBeGreaterThan(10);
        if (mode.ownerFilter) {
          expect(owned.filter((sql) => !hasOwnerCondition(sql))).toEqual([]);
        } else {
          expect(owned.filter(hasOwnerCondition)).toEqual([]);
        }
      },
    );

    it(
      mode.ownerFilter
        ? 'should answer compiled reads with an owner condition on every owned table'
        : 'should answer compiled reads without any owner condition',
      async () => {
        const { server, a } = ctx;
        const before = await readPaths(server);
        const statements = await recordStatements(server.app.database.dataSource, async () => {
          dataOf(
            await a.user.gql(
              `query($t: ID!, $p: ID!, $g: ID!) {
                task(id: $t) { id project { id } tags { id } }
                tasks(first: 5, filter: { projectId: $p, tagId: $g }) {
                  totalCount edges { cursor node { id project { id } tags { id } } }
                }
              }`,
              { t: a.tasks[1]!.id, p: a.projects[0]!.id, g: a.tags[0]!.id },
            ),
          );
        });
        const after = await readPaths(server);
        expect(after.compiled - before.compiled).toBe(1);
        const owned = ownedRowStatements(statements);
        expect(owned).toHaveLength(2);
        for (const sql of owned) {
          // tasks, projects, task_tags, tags, and task_tags again in the tag filter.
          const conditions = sql.match(/"owner_id"\s*=\s*\$1\b/g) ?? [];
          if (mode.ownerFilter) expect(conditions.length).toBeGreaterThanOrEqual(4);
          else expect(conditions).toEqual([]);
        }
      },
    );
  });
}
