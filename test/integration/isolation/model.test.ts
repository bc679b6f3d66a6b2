import fc from 'fast-check';
import { RELAXED_LIMITS } from '../../support/isolation/relaxed-limits';
import { stepArbitraries } from '../../support/model/arbitraries';
import type { Real } from '../../support/model/commands';
import { emptyModel } from '../../support/model/model';
import { seedModel } from '../../support/model/seed';
import { TEST_TARGETS } from '../../support/test-database';
import { useTestServer } from '../../support/use-test-server';

// Tests may read the environment for their own settings: MODEL_RUNS for a longer run,
// MODEL_SEED to replay one (fast-check prints the seed and path of a failure).
const RUNS = Number(process.env.MODEL_RUNS ?? 20);
const SEED = process.env.MODEL_SEED === undefined ? undefined : Number(process.env.MODEL_SEED);
const USERS = 3;
const MAX_STEPS = 40;

jest.setTimeout(120_000 + RUNS * 10_000);

describe.each(TEST_TARGETS)('model of what each user owns on $name', (target) => {
  const server = useTestServer(target, RELAXED_LIMITS);

  it("should answer every user's lists, pages, filters and totals exactly as the model", async () => {
    const started = Date.now();
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.commands(stepArbitraries(USERS), { maxCommands: MAX_STEPS, size: 'max' }),
        async (cmds) => {
          // Fresh users per run, each starting from the same small world.
          const users = await Promise.all(Array.from({ length: USERS }, () => server.user()));
          const real: Real = { users, steps: 0 };
          const model = emptyModel(USERS);
          await seedModel(model, users);
          try {
            await fc.asyncModelRun(() => ({ model, real }), cmds);
          } finally {
            steps += real.steps;
          }
        },
      ),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    console.log(
      `model on ${target.name}: ${RUNS} runs, ${steps} steps by ${USERS} users, ${Date.now() - started} ms`,
    );
  });
});
