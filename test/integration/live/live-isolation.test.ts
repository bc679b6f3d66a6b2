import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { RequestTransaction } from '../../../src/db/request-transaction';
import { createProject, createTag, createTask, ok } from '../../support/api';
import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';
import { TEST_TARGETS } from '../../support/test-database';
import { type TestUser } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

interface Change {
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  taskId: string;
  /** Project before and after. */
  projects: (string | null)[];
}

/** Deterministic, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SETTLE_MS = 300;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** What a socket received for one subscription, as (kind, taskId) in order. */
const received = (socket: LiveSocket, id: string) =>
  socket.events(id).map((event) => {
    expect(event.errors).toBeUndefined();
    const change = event.data.taskChanged;
    return { kind: change.kind, taskId: change.taskId };
  });

const expected = (changes: Change[], projectId?: string) =>
  changes
    .filter((c) => projectId === undefined || c.projects.includes(projectId))
    .map(({ kind, taskId }) => ({ kind, taskId }));

/**
 * One user's random writes, one after another (commit order = this order): creates in a
 * project or none, updates that may move a task, deletes. Answers the changes committed.
 */
async function randomWrites(
  user: TestUser,
  projects: string[],
  next: () => number,
  count: number,
): Promise<Change[]> {
  const changes: Change[] = [];
  const tasks = new Map<string, string | null>();
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  for (let i = 0; i < count; i += 1) {
    const roll = next();
    const ids = [...tasks.keys()];
    if (ids.length === 0 || roll < 0.4) {
      const projectId = pick([...projects, null]);
      const task = await createTask(user, { title: `t${i}`, projectId });
      tasks.set(task.id, projectId);
      changes.push({ kind: 'CREATED', taskId: task.id, projects: [null, projectId] });
    } else if (roll < 0.8) {
      const id = pick(ids);
      const before = tasks.get(id)!;
      const after = next() < 0.5 ? before : pick([...projects, null]);
      const res = await user.gql(
        'mutation($id: ID!, $input: UpdateTaskInput!) { updateTask(id: $id, input: $input) { id } }',
        { id, input: { title: `u${i}`, projectId: after } },
      );
      ok(res);
      tasks.set(id, after);
      changes.push({ kind: 'UPDATED', taskId: id, projects: [before, after] });
    } else {
      const id = pick(ids);
      ok(await user.gql('mutation($id: ID!) { deleteTask(id: $id) }', { id }));
      changes.push({ kind: 'DELETED', taskId: id, projects: [tasks.get(id)!, null] });
      tasks.delete(id);
    }
  }
  return changes;
}

describe.each(TEST_TARGETS)('live isolation on $name', (target) => {
  const server = useTestServer(target);

  describe('taskChanged', () => {
    it('should give each of two users writing at once exactly their own committed changes, in order', async () => {
      const a = await server.user();
      const b = await server.user();
      const aProjects = [(await createProject(a)).id, (await createProject(a)).id];
      const bProjects = [(await createProject(b)).id];
      const aSocket = await LiveSocket.connect(server.url, a.token);
      const bSocket = await LiveSocket.connect(server.url, b.token);
      aSocket.subscribe('all', TASK_CHANGED);
      aSocket.subscribe('p0', TASK_CHANGED, { projectId: aProjects[0] });
      bSocket.subscribe('all', TASK_CHANGED);
      // Another user's project, and one that does not exist: no events, no error, alike.
      bSocket.subscribe('foreign', TASK_CHANGED, { projectId: aProjects[0] });
      bSocket.subscribe('missing', TASK_CHANGED, { projectId: randomUUID() });
      bSocket.subscribe('malformed', TASK_CHANGED, { projectId: 'nope' });
      await settle();

      const seed = Date.now();
      const [aChanges, bChanges] = await Promise.all([
        randomWrites(a, aProjects, random(seed), 30),
        randomWrites(b, bProjects, random(seed + 1), 30),
      ]);
      await aSocket.eventsFor('all', aChanges.length);
      await bSocket.eventsFor('all', bChanges.length);
      await settle();

      expect({ seed, got: received(aSocket, 'all') }).toEqual({ seed, got: expected(aChanges) });
      expect(received(aSocket, 'p0')).toEqual(expected(aChanges, aProjects[0]));
      expect(received(bSocket, 'all')).toEqual(expected(bChanges));
      for (const id of ['foreign', 'missing', 'malformed']) expect(bSocket.of(id)).toEqual([]);
      // Every task an event shows is the subscriber's own, as it is now.
      const aTaskIds = new Set(aChanges.map((c) => c.taskId));
      for (const event of aSocket.events('all')) {
        const { task, taskId } = event.data.taskChanged;
        expect(aTaskIds.has(taskId)).toBe(true);
        if (task) expect(task.id).toBe(taskId);
      }
      await aSocket.close();
      await bSocket.close();
    });

    it('should read the task as the subscriber may see it now, and null once deleted', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      await settle();
      const project = await createProject(a);
      const task = await createTask(a, { title: 'first', projectId: project.id });
      await socket.eventsFor('1', 1);
      ok(await a.gql('mutation($id: ID!) { deleteTask(id: $id) }', { id: task.id }));
      const [created, deleted] = await socket.eventsFor('1', 2);
      expect(created.data.taskChanged).toEqual({
        kind: 'CREATED',
        taskId: task.id,
        task: { id: task.id, title: 'first', project: { id: project.id } },
      });
      expect(deleted.data.taskChanged).toEqual({ kind: 'DELETED', taskId: task.id, task: null });
      await socket.close();
    });

    it("should announce a deleted project's tasks as DELETED and a deleted tag's tasks as UPDATED", async () => {
      const a = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      // Subscribed before the tasks are made, their CREATED events awaited: a notification of a
      // commit just before subscribing may still be on its way when the subscription starts.
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      await settle();
      const inProject = [
        await createTask(a, { projectId: project.id }),
        await createTask(a, { projectId: project.id }),
      ];
      const tagged = await createTask(a, { tagIds: [tag.id] });
      await socket.eventsFor('1', 3);
      ok(await a.gql('mutation($id: ID!) { deleteProject(id: $id) }', { id: project.id }));
      ok(await a.gql('mutation($id: ID!) { deleteTag(id: $id) }', { id: tag.id }));
      const events = (await socket.eventsFor('1', 6)).slice(3).map((e) => e.data.taskChanged);
      expect(
        events
          .slice(0, 2)
          .map((e) => [e.kind, e.taskId])
          .sort(),
      ).toEqual(inProject.map((t) => ['DELETED', t.id]).sort());
      expect(events[2]).toMatchObject({
        kind: 'UPDATED',
        taskId: tagged.id,
        task: { id: tagged.id },
      });
      await settle();
      expect(socket.events('1')).toHaveLength(6);
      await socket.close();
    });

    it("should announce a renamed project's and a renamed tag's tasks as UPDATED, and a same-name save not at all", async () => {
      const a = await server.user();
      const b = await server.user();
      const project = await createProject(a);
      const tag = await createTag(a);
      const inProject = await createTask(a, { projectId: project.id });
      const tagged = await createTask(a, { tagIds: [tag.id] });
      await createTask(a); // neither: never announced
      const theirs = await createProject(b);
      await createTask(b, { projectId: theirs.id });
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      const other = await LiveSocket.connect(server.url, b.token);
      other.subscribe('1', TASK_CHANGED);
      await settle();
      const renameProject = `mutation($id: ID!, $name: String!) {
        updateProject(id: $id, input: { name: $name }) { id } }`;
      const renameTag = `mutation($id: ID!, $name: String!) {
        updateTag(id: $id, input: { name: $name }) { id } }`;
      ok(await a.gql(renameProject, { id: project.id, name: project.name }));
      ok(await a.gql(renameTag, { id: tag.id, name: tag.name }));
      ok(await a.gql(renameProject, { id: project.id, name: 'renamed project' }));
      ok(await a.gql(renameTag, { id: tag.id, name: 'renamed-tag' }));
      const events = (await socket.eventsFor('1', 2)).map((e) => e.data.taskChanged);
      expect(events.map((e) => [e.kind, e.taskId])).toEqual([
        ['UPDATED', inProject.id],
        ['UPDATED', tagged.id],
      ]);
      await settle();
      expect(socket.events('1')).toHaveLength(2);
      expect(other.events('1')).toHaveLength(0);
      await socket.close();
      await other.close();
    });

    it('should never announce a rolled-back write, a whole transaction or a savepoint', async () => {
      const a = await server.user();
      await createProject(a); // the user's row exists
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      await settle();
      const { dataSource } = server.app.database;
      const log = pino({ level: 'silent' });
      const insert = (tx: RequestTransaction, title: string) =>
        tx.query<{ id: string }>(
          `INSERT INTO tasks (owner_id, title) VALUES ($1, $2) RETURNING id`,
          [a.id, title],
        );

      const rolledBack = await RequestTransaction.begin(dataSource, a.id, log);
      await insert(rolledBack, 'never');
      await rolledBack.rollback();

      const partly = await RequestTransaction.begin(dataSource, a.id, log);
      await expect(
        partly.atomic(async () => {
          await insert(partly, 'undone');
          throw new Error('fails after the insert');
        }),
      ).rejects.toThrow('fails after the insert');
      const [kept] = await insert(partly, 'kept');
      await partly.commit();

      const [event] = await socket.eventsFor('1', 1);
      expect(event.data.taskChanged).toMatchObject({ kind: 'CREATED', taskId: kept!.id });
      await settle();
      expect(socket.events('1')).toHaveLength(1);
      await socket.close();
    });

    it('should stop sending once the client completes the subscription', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      await settle();
      await createTask(a);
      await socket.eventsFor('1', 1);
      socket.complete('1');
      await settle();
      await createTask(a);
      await settle();
      expect(socket.events('1')).toHaveLength(1);
      await socket.close();
    });
  });
});
