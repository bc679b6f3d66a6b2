import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { OperationLimits } from '../config';
import {
  ErrorCode,
  INTERNAL_MESSAGE,
  LimitExceededError,
  QueryTimeoutError,
  ServiceUnavailableError,
} from '../errors/errors';
import { isDatabaseUnavailable, isStatementsOutOfStep } from '../db/database-unavailable';
import type { OutageLog } from '../db/outage-log';
import type { DocumentResolver } from '../documents/document-resolver';
import { resolveHttpDocuments } from '../documents/http-documents';
import type { RequestContext } from './request-context';
import type { RequestInfo } from './context-factory';
import { assertBatchAllowed } from '../limits/batch-limit';
import type { Logger } from '../log/logger';
import { withSpan } from '../tracing/span';
import { logAccess } from '../http/access-log';
import { clientAddress } from '../http/client-address';
import { BodyTooLargeError, ClientGoneError, readBody } from '../http/read-body';
import type { DpopTargets } from '../http/dpop-targets';
import { baseHeaders, sendGraphQLError, sendJson } from '../http/send';
import { reportServerTiming, ServerTiming } from '../http/server-timing';

export interface GraphQLHandlerOptions {
  readonly apollo: ApolloServer<RequestContext>;
  readonly createContext: (request: RequestInfo) => Promise<RequestContext>;
  /** The same request on a fresh transaction, without authenticating it again. */
  readonly reopenContext: (
    request: RequestInfo,
    previous: RequestContext,
  ) => Promise<RequestContext>;
  readonly log: Logger;
  readonly limits?: Pick<OperationLimits, 'maxBodyBytes' | 'maxBatch'>;
  /** Answer a Server-Timing header (auth, db, total); on unless configured off. */
  readonly serverTiming?: boolean;
  /** The URLs DPoP proofs may name in htu; none accepted when absent. */
  readonly dpopTargets?: DpopTargets;
  /** TRUST_PROXY_HOPS: proxies whose X-Forwarded-For entries name the client. */
  readonly trustProxyHops?: number;
  /** Told when requests cannot reach the database and when they can again. */
  readonly outage?: OutageLog;
  /** Puts each operation's document text in place (APQ hash, trusted id) before Apollo. */
  readonly documents?: DocumentResolver;
}

/** Runs of one request when its mutations meet rows changed by the user's other requests. */
const MAX_ATTEMPTS = 3;

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value) headers.set(name, value.join(', '));
  }
  return headers;
}

/** The 503 to answer when `error` means the database (or its session) was lost, if it does. */
function unavailableAnswer(error: unknown): ServiceUnavailableError | undefined {
  if (error instanceof ServiceUnavailableError) return error;
  if (error instanceof GraphQLError) return undefined;
  return isDatabaseUnavailable(error) || isStatementsOutOfStep(error)
    ? new ServiceUnavailableError(error)
    : undefined;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (!contentType?.toLowerCase().startsWith('application/json')) return raw;
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new GraphQLError('The request body is not valid JSON.', {
      extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
    });
  }
}

const NAMED_OPERATION = /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * The operation's name for the access log (of the first, for a batch): the client's
 * operationName, else the document's first named operation; never the document itself.
 */
function operationNameOf(parsed: unknown, url: URL): string | undefined {
  const first: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  const fields = (first && typeof first === 'object' ? first : {}) as {
    operationName?: unknown;
    query?: unknown;
  };
  const given = fields.operationName ?? url.searchParams.get('operationName');
  if (typeof given === 'string' && given.length > 0) return given.slice(0, 100);
  const query = fields.query ?? url.searchParams.get('query');
  return typeof query === 'string' ? NAMED_OPERATION.exec(query.slice(0, 2000))?.[1] : undefined;
}

/**
 * POST/GET /graphql. The token is checked before the body is even read as GraphQL, so a
 * stranger learns nothing about the schema; the request's transaction commits before the
 * answer leaves, so a client never sees a result that is not stored.
 */
export function createGraphQLHandler({
  apollo,
  createContext,
  reopenContext,
  log,
  limits,
  serverTiming = true,
  dpopTargets,
  trustProxyHops = 0,
  outage,
  documents,
}: GraphQLHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const startedAt = outage?.now() ?? 0;
    const timing = serverTiming ? new ServerTiming() : undefined;
    if (timing) reportServerTiming(res, timing);
    const requestId = randomUUID();
    const headers = baseHeaders(requestId);
    const reqLog = log.child({ requestId });
    let operation: string | undefined;
    logAccess(req, res, reqLog, () => operation);
    let context: RequestContext | undefined;
    let body: Promise<string> | undefined;
    const readOnce = () => (body ??= readBody(req, limits?.maxBodyBytes));
    try {
      const info: RequestInfo = {
        authorization: req.headersDistinct['authorization'],
        dpop: req.headersDistinct['dpop'],
        method: req.method ?? 'GET',
        urls: dpopTargets?.(url.pathname) ?? [],
        ip: clientAddress(req, trustProxyHops),
        log: reqLog,
        timing,
        beforeOpen: readOnce,
      };
      context = await createContext(info);
      const parsed = parseBody(await readOnce(), req.headers['content-type']);
      assertBatchAllowed(parsed, limits?.maxBatch ?? 0);
      operation = operationNameOf(parsed, url);
      const method = req.method ?? 'GET';
      const sent = { method, body: parsed, search: url.search };
      const { body: graphqlBody, search } = documents
        ? await resolveHttpDocuments(documents, sent, context.viewer.id, context.log)
        : sent;
      if (Array.isArray(parsed)) context.tx.shared();
      const execute = (current: RequestContext) =>
        withSpan('graphql.operation', {}, () =>
          apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method, headers: toHeaderMap(req), search, body: graphqlBody },
            context: async () => current,
          }),
        );
      let response = await execute(context);
      // Nothing of a conflicted run is stored or sent: run it again on a fresh snapshot,
      // where a row deleted meanwhile is NOT_FOUND and a duplicate is BAD_USER_INPUT. A run
      // that read past its early COMMIT (missed) runs again with a COMMIT of its own.
      for (
        let attempt = 2;
        (context.tx.conflicted || context.tx.missed) && attempt <= MAX_ATTEMPTS;
        attempt += 1
      ) {
        const previous = context;
        await previous.tx.rollback();
        if (previous.tx.missed) {
          reqLog.debug({ event: 'read_in_waves' }, 'read after an early commit: running again');
        } else {
          reqLog.info({ event: 'conflict_retry', attempt }, 'concurrent change: running again');
        }
        context = undefined;
        context = await reopenContext(info, previous);
        response = await execute(context);
      }
      // The connection died (or its session's statements were lost) mid-request: the
      // transaction is gone with it, so nothing of the answer is stored.
      if (context.tx.unavailable !== undefined) {
        throw new ServiceUnavailableError(context.tx.unavailable);
      }
      // Never answered: what it read may come from two snapshots.
      if (context.tx.missed) throw new Error('a read-only run read past its early commit twice');
      // A statement stopped by the timeout aborted the transaction: COMMIT would roll back what
      // the answer reports as done, so the request fails whole instead (rolled back below).
      if (context.tx.timedOut) {
        context.log.warn(
          { event: 'statement_timeout' },
          'request stopped by the statement timeout',
        );
        throw new QueryTimeoutError();
      }
      await context.tx.commit();
      outage?.served(startedAt);
      const out: Record<string, string> = { ...headers };
      for (const [name, value] of response.headers) out[name] = value;
      res.writeHead(response.status ?? 200, out);
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      await context?.tx.rollback().catch((e: unknown) => {
        // A lost connection rolls its transaction back by itself; the outage is logged below.
        if (!unavailableAnswer(e)) reqLog.error({ err: e }, 'rollback failed');
      });
      if (error instanceof ClientGoneError) {
        // An ordinary event (a closed tab, a load balancer's timeout), not a server fault.
        reqLog.debug({ event: 'client_gone' }, error.message);
        return;
      }
      const unavailable = unavailableAnswer(error);
      if (unavailable) {
        const cause = unavailable.originalError ?? unavailable;
        if (isDatabaseUnavailable(cause)) outage?.failed(cause);
        else
          reqLog.warn({ event: 'statements_out_of_step', err: cause }, 'request lost its session');
        sendGraphQLError(res, unavailable, headers);
        return;
      }
      if (error instanceof BodyTooLargeError || error instanceof LimitExceededError) {
        (context?.log ?? reqLog).warn(
          {
            event: 'limit_rejected',
            limit: error instanceof LimitExceededError ? error.limit : 'body',
          },
          'request refused: limit',
        );
      }
      if (error instanceof BodyTooLargeError) {
        // Closing rather than draining: the rest of an oversized body is never read.
        sendJson(
          res,
          413,
          {
            errors: [
              { message: 'Request body too large.', extensions: { code: 'PAYLOAD_TOO_LARGE' } },
            ],
          },
          { ...headers, connection: 'close' },
        );
      } else if (error instanceof GraphQLError) {
        sendGraphQLError(res, error, headers);
      } else {
        reqLog.error({ err: error }, 'request failed');
        sendJson(
          res,
          500,
          {
            errors: [
              { message: INTERNAL_MESSAGE, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } },
            ],
          },
          headers,
        );
      }
    }
  };
}
