import * as api from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import type { TracingSettings } from '../config';
import type { Logger } from '../log/logger';
import type { Tracing } from './open-tracing';
import { setActiveTracing } from './span';

function samplerOf({ sampler, samplerRatio }: TracingSettings): Sampler {
  const root = sampler.endsWith('always_off')
    ? new AlwaysOffSampler()
    : sampler.endsWith('traceidratio')
      ? new TraceIdRatioBasedSampler(samplerRatio)
      : new AlwaysOnSampler();
  return sampler.startsWith('parentbased_') ? new ParentBasedSampler({ root }) : root;
}

/**
 * Loaded only when tracing is configured. The provider is not made global: spans come from
 * this server's tracer alone. The context manager is (OpenTelemetry has one per process),
 * so spans started in resolvers and database calls find their parent.
 */
export function startTracing(
  settings: TracingSettings,
  log: Logger,
  testExporter?: SpanExporter,
): Tracing {
  // Otherwise a collector that is down or refuses the key is silent: one warning per failure.
  const warn = (message: string) =>
    log.warn({ event: 'tracing_export_failed', message: message.slice(0, 200) }, 'tracing');
  api.diag.setLogger(
    { error: warn, warn, info: () => undefined, debug: () => undefined, verbose: () => undefined },
    api.DiagLogLevel.WARN,
  );
  const exporter =
    testExporter ??
    (settings.exporter === 'console'
      ? new ConsoleSpanExporter()
      : new OTLPTraceExporter({ url: settings.url, headers: { ...settings.headers } }));
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName }),
    sampler: samplerOf(settings),
    // A test reads spans as soon as the request is answered; production exports in batches.
    spanProcessors: [
      testExporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter),
    ],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  // Another server in this process registered one already: it serves both.
  if (!api.context.setGlobalContextManager(contextManager)) contextManager.disable();
  const tracing = { api, tracer: provider.getTracer('task-api') };
  setActiveTracing(tracing);
  return {
    enabled: true,
    async close() {
      setActiveTracing(undefined);
      // The last export failing must not fail the shutdown: it is reported, not thrown.
      await provider.shutdown().catch((error: unknown) => warn(String((error as Error).message)));
    },
  };
}
