import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import { ErrorCode } from '../errors/errors';
import type { RequestContext } from '../request/request-context';
import { boundedLabel } from '../metrics/bounded-label';
import type { Metrics } from '../metrics/metrics';

const MAX_OPERATION_NAMES = 200;
const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** A document that did not validate still names its operation, when it has just one. */
function soleOperationName(document: DocumentNode | undefined): string | undefined {
  const operations = document?.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operations?.length === 1 ? operations[0]!.name?.value : undefined;
}

/** Counts and times each operation Apollo runs (a batch counts each of its operations). */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  const operationLabel = boundedLabel(MAX_OPERATION_NAMES);
  return {
    async requestDidStart({ request }) {
      const stop = metrics.operationDuration.startTimer();
      return {
        async willSendResponse({ response, operationName, document }) {
          const operation = operationLabel(
            operationName ?? request.operationName ?? soleOperationName(document),
          );
          let outcome = 'ok';
          if (response.body.kind === 'single' && response.body.singleResult.errors?.length) {
            const code = response.body.singleResult.errors[0]?.extensions?.['code'];
            outcome = typeof code === 'string' && KNOWN_CODES.has(code) ? code : 'error';
          }
          metrics.operations.inc({ operation, outcome });
          stop({ operation });
        },
      };
    },
  };
}
