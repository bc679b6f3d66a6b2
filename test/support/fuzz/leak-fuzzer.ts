import type { GraphQLSchema } from 'graphql';
import type { GraphQLResponse } from '../test-server';
import { variablesFor } from './documents';
import type { Noise } from './noise';
import { ANSWERS_DIFFER, judge, mayDifferByTiming, recheckTiming } from './oracle';
import { describePath } from './paths';
import { makeDocument, planCases } from './plan';
import type { FuzzPools } from './pools';
import { Random } from './random';

export interface FuzzOptions {
  /** Documents to run (each twice); at least enough to cover every path once. */
  readonly cases: number;
  readonly seed: number;
  readonly maxDepth: number;
}

export interface FuzzFailure {
  readonly case: number;
  readonly problems: readonly string[];
  readonly paths: readonly string[];
  readonly document: string;
  readonly variables: unknown;
  readonly answers: { readonly foreign: string; readonly standIn: string };
}

export interface FuzzReport {
  readonly cases: number;
  readonly requests: number;
  readonly queryPaths: number;
  readonly mutationFields: readonly string[];
  readonly untargetable: readonly string[];
  readonly failures: readonly FuzzFailure[];
}

/** Enough failures to see a pattern; a broken wall would otherwise fail every case. */
const MAX_FAILURES = 25;

const shown = (res: GraphQLResponse) =>
  JSON.stringify({ status: res.status, body: res.body }).slice(0, 3000);

/**
 * Runs A against the whole schema (see planCases). Each document is sent twice, once with
 * B's values and once with values naming nothing, and B's data changes in between: the two
 * answers must be the same, and neither may hold anything of anyone but A.
 */
export async function runLeakFuzzer(
  schema: GraphQLSchema,
  pools: FuzzPools,
  send: (query: string, variables: Record<string, unknown>) => Promise<GraphQLResponse>,
  noise: Noise,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const random = new Random(options.seed);
  const plan = planCases(schema, random, options.cases, options.maxDepth);
  const failures: FuzzFailure[] = [];
  let requests = 0;
  for (const [index, step] of plan.plans.entries()) {
    const doc = makeDocument(step, pools, random);
    // Either order: an answer must not depend on which of the two came first.
    const foreignFirst = random.chance(0.5);
    const run = (side: 'foreign' | 'standIn') => {
      requests += 1;
      return send(doc.text, variablesFor(doc, side));
    };
    const first = await run(foreignFirst ? 'foreign' : 'standIn');
    await noise.toggle();
    const second = await run(foreignFirst ? 'standIn' : 'foreign');
    const [foreign, standIn] = foreignFirst ? [first, second] : [second, first];
    const foreignValues = doc.slots.map((s) => s.foreign);
    const standInValues = doc.slots.map((s) => s.standIn);
    const judged = judge(pools, foreign, standIn, foreignValues, standInValues);
    const problems =
      judged.includes(ANSWERS_DIFFER) && mayDifferByTiming(step.operation, foreign, standIn)
        ? await recheckTiming(pools, { foreign, standIn }, run, {
            foreign: foreignValues,
            standIn: standInValues,
          })
        : judged;
    if (problems.length > 0 && failures.length < MAX_FAILURES) {
      failures.push({
        case: index,
        problems,
        paths: doc.paths.map(describePath),
        document: doc.text,
        variables: variablesFor(doc, 'foreign'),
        answers: { foreign: shown(foreign), standIn: shown(standIn) },
      });
    }
  }
  await noise.clear();
  return {
    cases: plan.plans.length,
    requests,
    queryPaths: plan.queryPaths,
    mutationFields: plan.targetable,
    untargetable: plan.untargetable,
    failures,
  };
}
