import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { OperationLimits } from '../config';
import type { DocumentResolver } from '../documents/document-resolver';
import { resolveSocketDocument } from '../documents/socket-documents';
import { LimitExceededError } from '../errors/errors';
import type { SubscriptionContext } from '../graphql/subscription-context';
import { noIntrospectionRule } from '../limits/no-introspection.rule';
import { operationLimits } from '../limits/operation-limits';
import type { RateLimiter } from '../rate-limit/rate-limiter';
import type { LiveSession } from './live-session';

export interface SubscriptionOperationOptions {
  readonly schema: GraphQLSchema;
  readonly limits: OperationLimits;
  readonly production: boolean;
  readonly rateLimiter: RateLimiter;
  /** The HTTP path's document resolver: APQ and trusted documents apply here alike. */
  readonly documents: DocumentResolver;
  /** WS_MAX_SUBSCRIPTIONS: running subscriptions one socket may hold. */
  readonly maxSubscriptions: number;
}

// graphql-js's wording, typo included, for a parse aborted by maxTokens.
const TOKEN_LIMIT = /Document contains more that \d+ tokens/;

// The rule's own extensions (validationErrorCode) stay: formatError words errors by them.
const requestError = (message: string, code: string, error?: GraphQLError) =>
  new GraphQLError(message, { nodes: error?.nodes, extensions: { ...error?.extensions, code } });

/**
 * A subscribe message made into execution arguments under the HTTP path's rules: the same
 * token, depth, alias, directive, cost and field-repeat limits, introspection only outside
 * production (refused in Apollo's terms), the per-user operation rate limit; plus a bound on subscriptions per socket.
 * Queries and mutations belong on HTTP, where they get a transaction of their own.
 */
export function createSubscriptionOperation(options: SubscriptionOperationOptions) {
  const limits = operationLimits(options.limits, options.production);
  const rules = [
    ...specifiedRules,
    ...(limits.validationRules ?? []),
    ...(options.production ? [noIntrospectionRule] : []),
  ] as Parameters<typeof validate>[2];

  const audit = (session: LiveSession, limit: string, message: string) =>
    session.log.warn({ event: 'limit_rejected', limit, message }, 'subscription refused: limit');

  const prepare = async (
    session: LiveSession,
    sent: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    let payload: SubscribePayload;
    try {
      await options.rateLimiter.admit(session.viewer, session.log);
      payload = await resolveSocketDocument(
        options.documents,
        sent,
        session.viewer.id,
        session.log,
      );
    } catch (error) {
      // Refusals of the document itself (PERSISTED_QUERY_*, BAD_REQUEST) answer as over HTTP.
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
    let document: DocumentNode;
    try {
      document = parse(payload.query, limits.parseOptions);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      if (TOKEN_LIMIT.test(error.message)) {
        audit(session, 'tokens', error.message);
        return [new LimitExceededError('tokens', error.message.replace(/^Syntax Error:\s*/, ''))];
      }
      return [requestError(error.message, 'GRAPHQL_PARSE_FAILED', error)];
    }
    const errors = validate(options.schema, document, rules, {
      maxErrors: options.limits.maxValidationErrors,
      hideSuggestions: options.production,
    });
    if (errors.length > 0) {
      for (const error of errors) {
        if (error instanceof LimitExceededError) audit(session, error.limit, error.message);
      }
      return errors.map((error) =>
        error instanceof LimitExceededError
          ? error
          : requestError(error.message, 'GRAPHQL_VALIDATION_FAILED', error),
      );
    }
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      return [requestError('Unable to identify the operation.', 'BAD_REQUEST')];
    }
    if (operation.operation !== 'subscription') {
      return [
        requestError(
          'Only subscriptions run over WebSocket: send queries and mutations over HTTP.',
          'BAD_REQUEST',
        ),
      ];
    }
    const contextValue: SubscriptionContext = {
      viewer: session.viewer,
      log: session.log,
      live: session,
    };
    return {
      schema: options.schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue,
    };
  };

  /**
   * The place on the socket is taken before anything is awaited: subscribe messages are
   * handled concurrently, and a later check would let a burst past the limit. It is given
   * back when the subscription is refused; onComplete gives back the others'.
   */
  return async (
    session: LiveSession,
    payload: SubscribePayload,
  ): Promise<ExecutionArgs | readonly GraphQLError[]> => {
    if (session.subscriptions >= options.maxSubscriptions) {
      const message = `At most ${options.maxSubscriptions} subscriptions per socket.`;
      audit(session, 'subscriptions', message);
      return [new LimitExceededError('subscriptions', message)];
    }
    session.subscriptions += 1;
    try {
      const prepared = await prepare(session, payload);
      if (Array.isArray(prepared)) session.subscriptions -= 1;
      return prepared;
    } catch (error) {
      session.subscriptions -= 1;
      throw error;
    }
  };
}
