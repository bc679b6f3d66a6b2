import { randomInt } from 'node:crypto';
import { readPaths } from '../../support/compiled-path';
import { runLeakFuzzer } from '../../support/fuzz/leak-fuzzer';
import { Noise } from '../../support/fuzz/noise';
import { buildPools, uuidsIn } from '../../support/fuzz/pools';
import { generateRead, Rng } from '../../support/compiled-documents';
import { tracesOf } from '../../support/isolation/leaks';
import { loadSchema } from '../../support/fuzz/schema';
import { RELAXED_LIMITS } from '../../support/isolation/relaxed-limits';
import { snapshotOf } from '../../support/isolation/snapshot';
import { seedWorld } from '../../support/isolation/world';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

// Tests may read the environment for their own settings. FUZZ_CASES=5000 runs long;
// FUZZ_SEED replays a run (each run prints its seed).
const CASES = Number(process.env.FUZZ_CASES ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const MAX_DEPTH = 5;

jest.setTimeout(60_000 + CASES * 300);

describe.each(TEST_TARGETS)('leak fuzzer on $name', (target) => {
  const server = useTestServer(target, RELAXED_LIMITS);

  it("should show A nothing of B's through any query or mutation the schema offers", async () => {
    const [a, b] = await Promise.all([
      server.user().then((user) => seedWorld(user)),
      server.user().then((user) => seedWorld(user)),
    ]);
    const pools = await buildPools(a, b);
    const before = { a: await snapshotOf(a.user), b: await snapshotOf(b.user) };
    const started = Date.now();
    const pathsBefore = await readPaths(server);
    const report = await runLeakFuzzer(loadSchema(), pools, a.user.gql, new Noise(b), {
      cases: CASES,
      seed: SEED,
      maxDepth: MAX_DEPTH,
    });
    console.log(
      `leak fuzzer on ${target.name}: ${report.cases} cases, ${report.requests} requests, ` +
        `${report.queryPaths} query paths to depth ${MAX_DEPTH}, mutations ${report.mutationFields.join(', ')}` +
        ` (no id to aim: ${report.untargetable.join(', ') || 'none'}), seed ${SEED}, ${Date.now() - started} ms`,
    );
    const paths = await readPaths(server);
    const compiled = paths.compiled - pathsBefore.compiled;
    console.log(`leak fuzzer on ${target.name}: ${compiled} queries on the compiled read path`);
    expect(report.failures).toEqual([]);
    // Every mutation named something of B's, so none may have changed anything, A's included.
    expect(await snapshotOf(b.user)).toEqual(before.b);
    expect(await snapshotOf(a.user)).toEqual(before.a);
  });

  it("should show A nothing of B's through compiled reads aimed at B's ids and cursors", async () => {
    const [a, b] = await Promise.all([
      server.user().then((user) => seedWorld(user)),
      server.user().then((user) => seedWorld(user)),
    ]);
    const pools = await buildPools(a, b);
    const cursors = [...pools.aCursors, ...pools.bCursors]
      .filter((known) => known.ordering === 'task:CREATED_AT:ASC')
      .map((known) => known.cursor);
    const rng = new Rng(SEED);
    for (let i = 0; i < CASES / 2; i += 1) {
      const read = generateRead(rng, [a, b], cursors);
      const label = `seed ${SEED} case ${i}: ${read.query} ${JSON.stringify(read.variables)}`;
      const before = await readPaths(server);
      const res = await a.user.gql(read.query, read.variables);
      const after = await readPaths(server);
      expect({ label, compiled: after.compiled - before.compiled }).toEqual({ label, compiled: 1 });
      expect({ label, status: res.status, errors: res.body.errors }).toEqual({
        label,
        status: 200,
        errors: undefined,
      });
      expect({ label, traces: tracesOf(b, res) }).toEqual({ label, traces: [] });
      const strangers = uuidsIn(JSON.stringify(res.body)).filter((id) => !pools.aUuids.has(id));
      expect({ label, strangers }).toEqual({ label, strangers: [] });
    }
  });
});
