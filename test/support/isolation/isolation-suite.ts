import { readPaths } from '../compiled-path';
import { TEST_TARGETS } from '../test-database';
import { useIsolationContext } from './suite/context';
import { describeForeignEvents } from './suite/foreign-events';
import { describeForeignLists } from './suite/foreign-lists';
import { describeForeignReads } from './suite/foreign-reads';
import { describeForeignWrites } from './suite/foreign-writes';
import { describeWallSanity } from './suite/wall-sanity';
import { snapshotOf } from './snapshot';
import type { WallMode } from './walls';

/**
 * The isolation suite, run once per database target with the given walls standing: as A,
 * every way of reading, listing, counting, filtering, searching, paging, changing, deleting,
 * re-parenting and subscribing to B's records, after proof that the walls really are as `mode` says.
 */
export function describeIsolationSuite(mode: WallMode): void {
  // Jest takes testTimeout from the root config only, not from a project's.
  jest.setTimeout(120_000);
  describe.each(TEST_TARGETS)(`isolation with ${mode.name} on $name`, (target) => {
    const ctx = useIsolationContext(target, mode);
    describeWallSanity(ctx, mode);
    describeForeignReads(ctx);
    describeForeignLists(ctx);
    describeForeignWrites(ctx);
    describeForeignEvents(ctx);

    describe('afterwards', () => {
      it("should leave B's data exactly as it was", async () => {
        expect(await snapshotOf(ctx.b.user)).toEqual(ctx.bBefore);
      });

      it('should have answered part of the suite on the compiled read path', async () => {
        const paths = await readPaths(ctx.server);
        expect(paths.compiled).toBeGreaterThan(20);
        expect(paths.fallback).toBeGreaterThan(0);
      });
    });
  });
}
