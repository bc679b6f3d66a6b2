import { randomUUID } from 'node:crypto';
import { createProject, createTask, ok } from '../../support/api';
import { LiveSocket } from '../../support/live-socket';
import type { TestUser } from '../../support/test-server';
import type { IsolationContext } from './isolation-context';

/** Every field a change can reach, nested: the re-read in the subscriber's transaction. */
const CHANGES = `subscription($projectId: ID) {
  taskChanged(projectId: $projectId) {
    kind taskId
    task { id title owner { id } project { id name owner { id } } tags { id name } }
  }
}`;

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

interface Change {
  readonly kind: string;
  readonly taskId: string;
}

/** One user's writes, one after another (commit order): creates, an update, a delete. */
async function writes(user: TestUser, projectId: string): Promise<Change[]> {
  const inProject = await createTask(user, { title: 'in project', projectId });
  const loose = await createTask(user, { title: 'loose' });
  ok(
    await user.gql(
      'mutation($id: ID!) { updateTask(id: $id, input: { completed: true }) { id } }',
      {
        id: inProject.id,
      },
    ),
  );
  ok(await user.gql('mutation($id: ID!) { deleteTask(id: $id) }', { id: loose.id }));
  return [
    { kind: 'CREATED', taskId: inProject.id },
    { kind: 'CREATED', taskId: loose.id },
    { kind: 'UPDATED', taskId: inProject.id },
    { kind: 'DELETED', taskId: loose.id },
  ];
}

/** What the socket got for `id`, as (kind, taskId), each checked to show only `owner`'s rows. */
function received(socket: LiveSocket, id: string, owner: TestUser): Change[] {
  return socket.events(id).map((event) => {
    expect(event.errors).toBeUndefined();
    const { kind, taskId, task } = event.data.taskChanged;
    if (task) {
      expect(task.owner).toEqual({ id: owner.id });
      if (task.project) expect(task.project.owner).toEqual({ id: owner.id });
    }
    return { kind, taskId };
  });
}

/**
 * Subscriptions under the walls of the run: with either wall alone, each of two users who
 * write at once receives exactly their own committed changes, and a projectId that is the
 * other user's answers as one that does not exist: no event, no error, the socket open.
 */
export function describeForeignEvents(ctx: IsolationContext): void {
  describe('live changes', () => {
    it('should give each of two users writing at once exactly their own changes, in order', async () => {
      const { server } = ctx;
      const [a, b] = [await server.user(), await server.user()];
      const [aProject, bProject] = [await createProject(a), await createProject(b)];
      const aSocket = await LiveSocket.connect(server.url, a.token);
      const bSocket = await LiveSocket.connect(server.url, b.token);
      aSocket.subscribe('all', CHANGES);
      aSocket.subscribe('own', CHANGES, { projectId: aProject.id });
      aSocket.subscribe('foreign', CHANGES, { projectId: bProject.id });
      aSocket.subscribe('missing', CHANGES, { projectId: randomUUID() });
      bSocket.subscribe('all', CHANGES);
      bSocket.subscribe('foreign', CHANGES, { projectId: aProject.id.toUpperCase() });
      await settle();

      const [aChanges, bChanges] = await Promise.all([
        writes(a, aProject.id),
        writes(b, bProject.id),
      ]);
      await aSocket.eventsFor('all', aChanges.length);
      await bSocket.eventsFor('all', bChanges.length);
      await settle();

      expect(received(aSocket, 'all', a)).toEqual(aChanges);
      expect(received(bSocket, 'all', b)).toEqual(bChanges);
      expect(received(aSocket, 'own', a)).toEqual([aChanges[0], aChanges[2]]);
      for (const [socket, id] of [
        [aSocket, 'foreign'],
        [aSocket, 'missing'],
        [bSocket, 'foreign'],
      ] as const) {
        expect(socket.of(id)).toEqual([]);
      }
      expect(aSocket.ws.readyState).toBe(aSocket.ws.OPEN);
      await aSocket.close();
      await bSocket.close();
    });
  });
}
