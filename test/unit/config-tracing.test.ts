import { ConfigError, loadConfig } from '../../src/config';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('tracing configuration', () => {
  it('should be off unless an exporter or an endpoint is configured', () => {
    expect(loadConfig({}).tracing.exporter).toBeUndefined();
    expect(loadConfig({ OTEL_SERVICE_NAME: 'x' }).tracing.exporter).toBeUndefined();
  });

  it("should export over OTLP/HTTP to the endpoint's /v1/traces, or the traces endpoint as is", () => {
    const generic = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com/' });
    expect(generic.tracing).toMatchObject({
      exporter: 'otlp',
      url: 'https://otel.example.com/v1/traces',
      serviceName: 'task-api',
      sampler: 'parentbased_always_on',
    });
    const traces = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example.com/in',
    });
    expect(traces.tracing.url).toBe('https://traces.example.com/in');
    expect(loadConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing.url).toBe(
      'http://localhost:4318/v1/traces',
    );
  });

  it('should stay off when the SDK is disabled or the exporter is none', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com' };
    expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true' }).tracing.exporter).toBeUndefined();
    expect(
      loadConfig({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' }).tracing.exporter,
    ).toBeUndefined();
  });

  it('should merge headers, the traces ones winning, values percent-decoded', () => {
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example.com',
      OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Basic%20abc,x-a=1',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-a=2',
    });
    expect(config.tracing.headers).toEqual({ authorization: 'Basic abc', 'x-a': '2' });
  });

  it('should list bad tracing settings without echoing a header value', () => {
    const listed = problems({
      OTEL_EXPORTER_OTLP_HEADERS: 'no-equals-sign-secret',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_TRACES_SAMPLER_ARG: '2',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url',
    });
    expect(listed).toEqual([
      'OTEL_EXPORTER_OTLP_ENDPOINT must be a URL',
      'OTEL_EXPORTER_OTLP_HEADERS must be key=value pairs, comma-separated',
      'OTEL_TRACES_SAMPLER must be one of always_on, always_off, traceidratio, ' +
        'parentbased_always_on, parentbased_always_off, parentbased_traceidratio',
      'OTEL_TRACES_SAMPLER_ARG must be at most 1',
    ]);
    expect(listed.join('\n')).not.toContain('no-equals-sign-secret');
  });
});

describe('document configuration', () => {
  it('should turn APQ on by default, kept 24 h, in Redis when REDIS_URL is set', () => {
    expect(loadConfig({}).documents).toEqual({
      automaticPersistedQueries: true,
      ttlSeconds: 86_400,
      trustedDocumentsPath: undefined,
    });
    expect(loadConfig({}).redis).toBeUndefined();
    const config = loadConfig({
      PERSISTED_QUERIES: 'false',
      PERSISTED_QUERIES_TTL: '1h',
      TRUSTED_DOCUMENTS: './manifest.json',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.documents).toEqual({
      automaticPersistedQueries: false,
      ttlSeconds: 3600,
      trustedDocumentsPath: './manifest.json',
    });
    expect(config.redis?.url).toBe('redis://127.0.0.1:6379');
  });

  it('should refuse a TTL that is no duration', () => {
    expect(problems({ PERSISTED_QUERIES_TTL: 'soon' })).toEqual([
      'PERSISTED_QUERIES_TTL must be a duration like 30s, 15m or 24h',
    ]);
  });
});
