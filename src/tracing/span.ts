import type * as OtelApi from '@opentelemetry/api';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Names and numbers only: an attribute never holds a token, a secret, a user's id, email or
 * name, a variable, an SQL parameter or a document's text (its literals may be user data).
 */
export type SpanAttributes = Readonly<Record<string, string | number | boolean | string[]>>;

export interface SpanHandle {
  setAttributes(attributes: SpanAttributes): void;
  updateName(name: string): void;
}

interface ActiveTracing {
  readonly api: typeof OtelApi;
  readonly tracer: OtelApi.Tracer;
}

const NOOP_SPAN: SpanHandle = { setAttributes: () => undefined, updateName: () => undefined };

/**
 * Process-wide, like OpenTelemetry's own context: set only when tracing is configured.
 * Unset, every helper below is one branch and a direct call; @opentelemetry/* is only
 * referenced as types here, so nothing of it is even loaded.
 */
let active: ActiveTracing | undefined;

export function setActiveTracing(tracing: ActiveTracing | undefined): void {
  active = tracing;
}

export function isTracing(): boolean {
  return active !== undefined;
}

/** A GraphQL code where there is one (UNAUTHENTICATED, TIMEOUT…), else the class: no message. */
function errorType(error: unknown): string {
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}

function handleOf(span: OtelApi.Span): SpanHandle {
  return {
    setAttributes: (attributes) => span.setAttributes(attributes),
    updateName: (name) => span.updateName(name),
  };
}

/** The one span helper: `fn` runs as a child of the current span and ends it, failed or not. */
export function withSpan<T>(
  name: string,
  attributes: SpanAttributes,
  fn: (span: SpanHandle) => Promise<T>,
): Promise<T> {
  if (!active) return fn(NOOP_SPAN);
  const { api } = active;
  return active.tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(handleOf(span));
    } catch (error) {
      span.setAttribute('error.type', errorType(error));
      span.setStatus({ code: api.SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The span running now, for a hook that learns more about it (Apollo's plugin). */
export function currentSpan(): SpanHandle {
  const span = active?.api.trace.getActiveSpan();
  return span ? handleOf(span) : NOOP_SPAN;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The HTTP request's span, the root of everything the request does. Each request starts a
 * new trace: a traceparent from the public internet is not trusted (it would let any
 * client choose what is sampled). Route names come from the server's own list.
 */
export function traceRequests(
  listener: RequestListener,
  routes: readonly string[],
): RequestListener {
  const known = new Set(routes);
  return (req: IncomingMessage, res: ServerResponse) => {
    if (!active) return listener(req, res);
    const { api, tracer } = active;
    const path = URL.canParse(req.url ?? '/', 'http://localhost')
      ? new URL(req.url ?? '/', 'http://localhost').pathname
      : undefined;
    const route = path !== undefined && known.has(path) ? path : 'other';
    const method = METHODS.has(req.method ?? '') ? req.method! : '_OTHER';
    const span = tracer.startSpan(
      `${method} ${route}`,
      {
        kind: api.SpanKind.SERVER,
        attributes: { 'http.request.method': method, 'http.route': route, 'url.scheme': 'http' },
      },
      api.ROOT_CONTEXT,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (!res.writableFinished) span.setAttribute('error.type', 'aborted');
      if (res.statusCode >= 500 || !res.writableFinished) {
        span.setStatus({ code: api.SpanStatusCode.ERROR });
      }
      span.end();
    });
    api.context.with(api.trace.setSpan(api.ROOT_CONTEXT, span), () => listener(req, res));
  };
}
