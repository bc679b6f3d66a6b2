import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TracingSettings } from '../config';
import type { Logger } from '../log/logger';

export interface Tracing {
  readonly enabled: boolean;
  /** Exports what is left and stops tracing. */
  close(): Promise<void>;
}

const OFF: Tracing = { enabled: false, close: async () => undefined };

/**
 * Starts tracing when it is configured (or a test hands in its exporter). Otherwise the SDK
 * is never imported and every span helper is a direct call.
 */
export async function openTracing(
  settings: TracingSettings,
  log: Logger,
  testExporter?: SpanExporter,
): Promise<Tracing> {
  if (!settings.exporter && !testExporter) return OFF;
  // require, not import(): loaded here, on demand, in CommonJS as compiled and under jest.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./otel-sdk') as typeof import('./otel-sdk');
  return startTracing(settings, log, testExporter);
}
