import { readPaths } from '../../support/compiled-path';
import { TEST_TARGETS } from '../../support/test-database';
import { useIsolationContext } from './isolation-context';
import { describeForeignEvents } from './foreign-events.cases';
import { describeForeignLists } from './foreign-lists.cases';
import { describeForeignReads } from './foreign-reads.cases';
import { describeForeignWrites } from './foreign-writes.cases';
import { describeWallSanity } from './wall-sanity.cases';
import { snapshotOf } from '../../support/isolation/snapshot';
import type { WallMode } from '../../support/isolation/walls';

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
