import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { openTracing } from '../../../src/tracing/open-tracing';
import { currentSpan, isTracing, traceRequests, withSpan } from '../../../src/tracing/span';

// Loading any of them while tracing is off fails the test: off must mean not even imported.
jest.mock('@opentelemetry/api', () => {
  throw new Error('@opentelemetry/api loaded');
});
jest.mock('@opentelemetry/sdk-trace-base', () => {
  throw new Error('@opentelemetry/sdk-trace-base loaded');
});
jest.mock('@opentelemetry/exporter-trace-otlp-http', () => {
  throw new Error('@opentelemetry/exporter-trace-otlp-http loaded');
});

describe('tracing when not configured', () => {
  it('should load no OpenTelemetry module and report itself off', async () => {
    const tracing = await openTracing(loadConfig({}).tracing, pino({ level: 'silent' }));
    expect(tracing.enabled).toBe(false);
    expect(isTracing()).toBe(false);
    await tracing.close();
  });

  it('should call the work directly, with a span that does nothing', async () => {
    const work = jest.fn(async () => 42);
    const promise = withSpan('x', {}, work);
    // Synchronously, in the same tick: no wrapper between the caller and the work.
    expect(work).toHaveBeenCalledTimes(1);
    expect(await promise).toBe(42);
    expect(() => currentSpan().setAttributes({ a: 1 })).not.toThrow();
    const failing = withSpan('x', {}, async () => {
      throw new Error('as it was');
    });
    await expect(failing).rejects.toThrow('as it was');
  });

  it('should hand requests to the listener itself', () => {
    const listener = jest.fn();
    const req = { url: '/graphql', method: 'POST' } as IncomingMessage;
    const res = {} as ServerResponse;
    traceRequests(listener, ['/graphql'])(req, res);
    expect(listener).toHaveBeenCalledWith(req, res);
  });
});
