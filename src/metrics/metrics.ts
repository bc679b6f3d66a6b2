import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { registerPoolMetrics } from './pool.metrics';

/**
 * One registry per app, so tests (and two apps in one process) never share counts. Other
 * parts of the server take this object and increment what they own: e.g. the rate limiter
 * calls `rateLimitRejections.inc({ limiter })` when it refuses a request.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Every HTTP answer, by route (known paths only) and status. */
  readonly httpRequests: Counter<'route' | 'status'>;
  readonly httpDuration: Histogram<'route'>;
  /** Requests received and not yet answered (or abandoned), by route. */
  readonly httpInFlight: Gauge<'route'>;
  /** GraphQL operations by (bounded) operation name and outcome: `ok` or the first error code. */
  readonly operations: Counter<'operation' | 'outcome'>;
  readonly operationDuration: Histogram<'operation'>;
  /** Requests refused with 401: missing, malformed, forged, expired or revoked tokens. */
  readonly authFailures: Counter;
  /** Requests refused by a rate limiter, by limiter name. */
  readonly rateLimitRejections: Counter<'limiter'>;
  /** Queries answered by the compiled read path (`compiled`) or by graphql-js (`fallback`). */
  readonly compiledReads: Counter<'outcome'>;
}

const PREFIX = 'task_api_';
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** With a DataSource, its connection pool is reported too. */
export function createMetrics(dataSource?: DataSource): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  if (dataSource) registerPoolMetrics(registry, dataSource);
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: `${PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by route and status code.',
      labelNames: ['route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'Time from request to the end of the answer, by route.',
      labelNames: ['route'],
      buckets: SECONDS,
      registers,
    }),
    httpInFlight: new Gauge({
      name: `${PREFIX}http_requests_in_flight`,
      help: 'Requests received and not yet answered, by route (slow bodies included).',
      labelNames: ['route'],
      registers,
    }),
    operations: new Counter({
      name: `${PREFIX}graphql_operations_total`,
      help: 'GraphQL operations, by operation name and outcome (ok or the first error code).',
      labelNames: ['operation', 'outcome'],
      registers,
    }),
    operationDuration: new Histogram({
      name: `${PREFIX}graphql_operation_duration_seconds`,
      help: 'GraphQL operation latency, by operation name.',
      labelNames: ['operation'],
      buckets: SECONDS,
      registers,
    }),
    authFailures: new Counter({
      name: `${PREFIX}auth_failures_total`,
      help: 'Requests refused for a missing, invalid, expired or revoked token.',
      registers,
    }),
    rateLimitRejections: new Counter({
      name: `${PREFIX}rate_limit_rejections_total`,
      help: 'Requests refused by a rate limiter, by limiter.',
      labelNames: ['limiter'],
      registers,
    }),
    compiledReads: new Counter({
      name: `${PREFIX}compiled_reads_total`,
      help: 'Queries by read path: compiled to one statement per root field, or fallback.',
      labelNames: ['outcome'],
      registers,
    }),
  };
}
