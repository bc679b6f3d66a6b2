import {
  getNamedType,
  isInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { DocumentBuilder, type FuzzDocument } from './documents';
import { maximalPaths, type FieldPath } from './paths';
import type { FuzzPools } from './pools';
import type { Random } from './random';
import type { AnyField } from './schema';
import { ValueMaker } from './values';

/** One case: an operation over some paths; its argument values are drawn when it runs. */
export interface Plan {
  readonly operation: 'query' | 'mutation';
  readonly paths: readonly FieldPath[];
}

export interface FuzzPlan {
  readonly plans: readonly Plan[];
  readonly queryPaths: number;
  readonly targetable: readonly string[];
  /** Mutations with no id anywhere in their arguments: nothing of B's to name. */
  readonly untargetable: readonly string[];
}

/** Whether an input type can hold an ID somewhere (an argument, a field, a list item). */
function holdsId(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsId(field.type, seen));
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Groups of one to four, so documents mix paths. */
function chunked<T>(items: readonly T[], random: Random): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length;) {
    const size = random.int(1, 4);
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

/**
 * Every maximal query path (to `maxDepth`) once, every mutation that takes an id three
 * times, then random documents up to `cases`: prefixes of random paths, or one or two
 * mutations. All of it from the schema, so a new field is in the next run's plan.
 */
export function planCases(
  schema: GraphQLSchema,
  random: Random,
  cases: number,
  maxDepth: number,
): FuzzPlan {
  const queryPaths = maximalPaths(schema, schema.getQueryType()!, maxDepth);
  const mutation = schema.getMutationType();
  const mutationFields = mutation ? Object.values(mutation.getFields()) : [];
  const targetable = mutationFields.filter((f) => f.args.some((arg) => holdsId(arg.type)));
  const mutationPaths = mutation
    ? maximalPaths(schema, mutation, Math.min(maxDepth, 4), targetable)
    : [];
  const pathsOf = (field: AnyField) => mutationPaths.filter((p) => p[0]!.field === field);

  const plans: Plan[] = [
    ...chunked(shuffled(queryPaths, random), random).map((paths) => ({
      operation: 'query' as const,
      paths,
    })),
    ...targetable.flatMap((field) =>
      [0, 1, 2].map(() => ({
        operation: 'mutation' as const,
        paths: [random.pick(pathsOf(field))],
      })),
    ),
  ];
  while (plans.length < cases) {
    if (targetable.length > 0 && random.chance(0.3)) {
      const count = random.int(1, 2);
      plans.push({
        operation: 'mutation',
        paths: Array.from({ length: count }, () => random.pick(mutationPaths)),
      });
    } else {
      const paths = Array.from({ length: random.int(1, 4) }, () => {
        const path = random.pick(queryPaths);
        return path.slice(0, random.int(1, path.length));
      });
      plans.push({ operation: 'query', paths });
    }
  }
  return {
    plans,
    queryPaths: queryPaths.length,
    targetable: targetable.map((f) => f.name),
    untargetable: mutationFields.filter((f) => !targetable.includes(f)).map((f) => f.name),
  };
}

/**
 * The document for a plan. Each root mutation must name something of B's (else it could
 * rightly succeed and change A's data), so its arguments are drawn again until it does.
 */
export function makeDocument(plan: Plan, pools: FuzzPools, random: Random): FuzzDocument {
  for (let attempt = 0; ; attempt++) {
    const values = new ValueMaker(pools, random, plan.operation);
    const doc = new DocumentBuilder(random, values).build(plan.operation, plan.paths);
    if (plan.operation === 'query') return doc;
    if (doc.rootArgumentSlots.every((count) => count > 0)) return doc;
    if (attempt > 200) {
      throw new Error(`no foreign id could be placed in ${plan.paths[0]![0]!.field.name}`);
    }
  }
}
