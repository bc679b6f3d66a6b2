import {
  HeaderMap,
  type ApolloServerPlugin,
  type GraphQLRequestContext,
  type GraphQLResponse,
} from '@apollo/server';
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  type FieldNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { hasScope } from '../auth/viewer';
import { ErrorCode, INTERNAL_MESSAGE } from '../errors/errors';
import { compileReadPlan, type ReadPlan } from '../graphql/compiled/read-plan';
import type { RootEntry } from '../graphql/compiled/read-selection';
import { SplicedData } from '../graphql/compiled/spliced-data';
import type { Metrics } from '../metrics/metrics';
import {
  taskStatement,
  tasksStatement,
  type CompiledStatement,
  type CompileScope,
} from '../ownership/compiled/task-read.statement';
import type { RequestContext } from '../request/request-context';

/**
 * A statement failed. A timeout, a lost connection or a revoked token's opening is answered
 * by the handler from the transaction's state, whatever this says; anything else is a fault
 * of the compiled path, answered as the usual path answers an internal error.
 */
function failed(rc: GraphQLRequestContext<RequestContext>, error: unknown): GraphQLResponse {
  let formatted: GraphQLFormattedError;
  if (error instanceof GraphQLError) {
    const { http: _http, ...extensions } = error.extensions;
    formatted = { message: error.message, extensions };
  } else {
    rc.contextValue.log.error({ err: error }, 'compiled read failed');
    formatted = {
      message: INTERNAL_MESSAGE,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  return {
    http: { status: undefined, headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { data: null, errors: [formatted] } },
  };
}

interface Answer {
  readonly answer: string;
}

/** Plans kept (per document hash and operation name); the oldest goes first past it. */
const MAX_PLANS = 1000;

export interface CompiledReadsOptions {
  readonly metrics: Pick<Metrics, 'compiledReads'>;
  /** false only in the ablation suites: the compiled SQL then has no owner condition. */
  readonly ownerFilter?: boolean;
}

function statementFor(
  schema: GraphQLSchema,
  root: RootEntry<FieldNode>,
  variables: Record<string, unknown>,
  scope: CompileScope,
): CompiledStatement | string | undefined {
  if (root.field === '__typename') return '"Query"';
  const field = schema.getQueryType()!.getFields()[root.node.name.value]!;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, root.node, variables);
  } catch {
    // A null variable for a non-null argument, say: graphql-js gives the error.
    return undefined;
  }
  return root.field === 'task'
    ? taskStatement(root.task, args, scope)
    : tasksStatement(root.connection, args, scope);
}

/**
 * The compiled read path (docs/benchmarks.md): a query whose whole selection lies in the
 * compiled subset is answered by one statement per root field that writes the answer's JSON,
 * with the owner condition on every table and row-level security under it, in the request's
 * transaction (after the opening's role, user and revocation check, in the same write). No
 * resolver, TypeORM entity or graphql-js execution is involved. Anything else, and any
 * argument the usual path answers with an error, runs as before, so errors stay the same.
 * Validation, limits and the other plugins' hooks up to didResolveOperation have run.
 */
export function compiledReadsPlugin(
  options: CompiledReadsOptions,
): ApolloServerPlugin<RequestContext> {
  const plans = new Map<string, ReadPlan | null>();
  const { compiledReads } = options.metrics;
  const ownerFilter = options.ownerFilter ?? true;

  const planOf = (rc: GraphQLRequestContext<RequestContext>): ReadPlan | null => {
    const key = `${rc.queryHash ?? ''}\u0000${rc.operationName ?? ''}`;
    let plan = plans.get(key);
    if (plan === undefined) {
      plan = compileReadPlan(rc.schema, rc.document!, rc.operation!) ?? null;
      if (plans.size >= MAX_PLANS) plans.delete(plans.keys().next().value!);
      plans.set(key, plan);
    }
    return plan;
  };

  const answer = async (
    rc: GraphQLRequestContext<RequestContext>,
  ): Promise<SplicedData | undefined> => {
    if (rc.operation?.operation !== 'query' || !rc.document) return undefined;
    const plan = planOf(rc);
    if (!plan) return undefined;
    const { viewer, tx } = rc.contextValue;
    // A missing scope is the usual path's FORBIDDEN, with its audit line.
    if (!plan.scopes.every((scope) => hasScope(viewer, scope))) return undefined;
    const coerced = getVariableValues(
      rc.schema,
      plan.operation.variableDefinitions ?? [],
      rc.request.variables ?? {},
    );
    if (coerced.errors) return undefined;
    const scope: CompileScope = { viewerId: viewer.id, ownerFilter };
    const statements: (CompiledStatement | string)[] = [];
    for (const root of plan.roots) {
      const statement = statementFor(rc.schema, root, coerced.coerced, scope);
      if (statement === undefined) return undefined;
      statements.push(statement);
    }
    // One statement goes with the opening as one implicit transaction where it can; several
    // are sent at once, so they leave with the opening (and an early COMMIT) in one write.
    const reads = statements.filter((s) => typeof s !== 'string');
    const alone =
      reads.length === 1 ? tx.readAlone<Answer>(reads[0]!.sql, reads[0]!.params) : undefined;
    const answers = await Promise.all(
      statements.map(async (s) => {
        if (typeof s === 'string') return s;
        const rows = await (alone ?? tx.query<Answer>(s.sql, [...s.params]));
        return rows[0]!.answer;
      }),
    );
    return new SplicedData(plan.roots.map((root, i) => [root.key, answers[i]!] as const));
  };

  return {
    requestDidStart: () =>
      Promise.resolve({
        responseForOperation: async (rc) => {
          let data: SplicedData | undefined;
          try {
            data = await answer(rc);
          } catch (error) {
            compiledReads.inc({ outcome: 'compiled' });
            return failed(rc, error);
          }
          if (rc.operation?.operation === 'query') {
            compiledReads.inc({ outcome: data ? 'compiled' : 'fallback' });
          }
          if (!data) return null;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: {
              kind: 'single',
              singleResult: { data: data as unknown as Record<string, unknown> },
            },
          };
        },
      }),
  };
}
