import type { DataSource } from 'typeorm';
import type { OutageLog } from '../db/outage-log';
import { isDatabaseReady } from '../db/readiness';
import type { Logger } from '../log/logger';
import type { Metrics } from '../metrics/metrics';
import { createMetricsRoute } from './metrics.route';
import { createReadyRoute } from './ready.route';
import type { RouteHandler } from './router';

/** Shorter than a probe's own timeout (set it to 3 s or more: Kubernetes defaults to 1 s). */
const READY_TIMEOUT_MS = 2000;

export interface OpsRouteOptions {
  readonly dataSource: DataSource;
  readonly metrics: Metrics;
  /** /metrics is on the API port only behind a token; without one, see METRICS_PORT. */
  readonly metricsToken: string | undefined;
  readonly isDraining: () => boolean;
  readonly log: Logger;
  readonly outage?: OutageLog;
}

/** /readyz, and /metrics when METRICS_TOKEN is set. /healthz is its own route. */
export function createOpsRoutes(options: OpsRouteOptions): Record<string, RouteHandler> {
  const { dataSource, metrics, metricsToken, isDraining, log, outage } = options;
  return {
    '/readyz': createReadyRoute({
      isReady: () => isDatabaseReady(dataSource, READY_TIMEOUT_MS, log),
      isDraining,
      log,
      outage,
    }),
    ...(metricsToken ? { '/metrics': createMetricsRoute(metrics.registry, metricsToken) } : {}),
  };
}
