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
} from '../errors/errors';
import type { RequestContext } from '../graphql/context';
import type { RequestInfo } from '../graphql/context-factory';
import { assertBatchAllowed } from '../limits/batch-limit';
import type { Logger } from '../log/logger';
import { logAccess } from './access-log';
import { clientAddress } from './client-address';
import { BodyTooLargeError, ClientGoneError, readBody } from './read-body';
import { requestUrl } from './request-url';
import { baseHeaders, sendGraphQLError, sendJson } from './send';
import { reportServerTiming, ServerTiming } from './server-timing';

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
  /** PUBLIC_URL: the origin clients address, when it is not this server's own. */
  readonly publicUrl?: string;
  /** TRUST_PROXY_HOPS: proxies whose X-Forwarded-For entries name the client. */
  readonly trustProxyHops?: number;
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
  publicUrl,
  trustProxyHops = 0,
}: GraphQLHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
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
        url: requestUrl(req, url.pathname, publicUrl),
        ip: clientAddress(req, trustProxyHops),
        log: reqLog,
        timing,
        beforeOpen: readOnce,
      };
      context = await createContext(info);
      const parsed = parseBody(await readOnce(), req.headers['content-type']);
      assertBatchAllowed(parsed, limits?.maxBatch ?? 0);
      operation = operationNameOf(parsed, url);
      const execute = (current: RequestContext) =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: {
            method: req.method ?? 'GET',
            headers: toHeaderMap(req),
            search: url.search,
            body: parsed,
          },
          context: async () => current,
        });
      let response = await execute(context);
      // Nothing of a conflicted run is stored or sent: run it again on a fresh snapshot,
      // where a row deleted meanwhile is NOT_FOUND and a duplicate is BAD_USER_INPUT.
      for (let attempt = 2; context.tx.conflicted && attempt <= MAX_ATTEMPTS; attempt += 1) {
        const previous = context;
        await previous.tx.rollback();
        reqLog.info({ event: 'conflict_retry', attempt }, 'concurrent change: running again');
        context = undefined;
        context = await reopenContext(info, previous);
        response = await execute(context);
      }
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
      await context?.tx
        .rollback()
        .catch((e: unknown) => reqLog.error({ err: e }, 'rollback failed'));
      if (error instanceof ClientGoneError) {
        // An ordinary event (a closed tab, a load balancer's timeout), not a server fault.
        reqLog.debug({ event: 'client_gone' }, error.message);
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
