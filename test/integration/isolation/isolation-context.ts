import type { TestTarget } from '../../support/test-database';
import type { TestServer } from '../../support/test-server';
import { snapshotOf } from '../../support/isolation/snapshot';
import { startWalledServer, type WallMode } from '../../support/isolation/walls';
import { seedWorld, type World } from '../../support/isolation/world';

/** What every test of the isolation suite works on: A is the caller, B the other user. */
export interface IsolationContext {
  readonly server: TestServer;
  readonly a: World;
  readonly b: World;
  /** B's data as B saw it right after seeding. */
  readonly bBefore: unknown;
}

/** Starts the server and seeds A and B before the suite, stops it after. */
export function useIsolationContext(target: TestTarget, mode: WallMode): IsolationContext {
  let state: IsolationContext | undefined;
  beforeAll(async () => {
    const server = await startWalledServer(target, mode);
    try {
      const [a, b] = await Promise.all([
        server.user().then((user) => seedWorld(user)),
        server.user().then((user) => seedWorld(user)),
      ]);
      state = { server, a, b, bBefore: await snapshotOf(b.user) };
    } catch (error) {
      await server.close();
      throw error;
    }
  });
  afterAll(() => state?.server.close());
  const ready = () => {
    if (!state) throw new Error('the isolation context failed to start');
    return state;
  };
  return {
    get server() {
      return ready().server;
    },
    get a() {
      return ready().a;
    },
    get b() {
      return ready().b;
    },
    get bBefore() {
      return ready().bBefore;
    },
  };
}
