import { loadConfig } from '../../src/config';
import { problemsOf } from '../support/config-problems';

describe('loadConfig › shutdown and metrics', () => {
  it('should drain for 10s and serve no metrics by default', () => {
    expect(loadConfig({})).toMatchObject({
      shutdownTimeoutMs: 10_000,
      metrics: { port: undefined, host: '127.0.0.1', token: undefined },
    });
  });

  it('should read SHUTDOWN_TIMEOUT and the metrics settings', () => {
    const config = loadConfig({
      SHUTDOWN_TIMEOUT: '30s',
      METRICS_PORT: '9464',
      METRICS_HOST: '0.0.0.0',
      METRICS_TOKEN: 'x'.repeat(32),
    });
    expect(config.shutdownTimeoutMs).toBe(30_000);
    expect(config.metrics).toEqual({ port: 9464, host: '0.0.0.0', token: 'x'.repeat(32) });
  });

  it('should treat METRICS_PORT=0 as no metrics port', () => {
    expect(loadConfig({ METRICS_PORT: '0' }).metrics.port).toBeUndefined();
  });

  it('should refuse a metrics port equal to PORT, a short token and a bad duration', () => {
    expect(
      problemsOf({
        PORT: '4000',
        METRICS_PORT: '4000',
        METRICS_TOKEN: 'short',
        SHUTDOWN_TIMEOUT: 'soon',
      }),
    ).toEqual([
      'SHUTDOWN_TIMEOUT must be a duration like 30s, 15m or 24h',
      'METRICS_TOKEN must be at least 32 characters',
      'METRICS_PORT must differ from PORT (or be 0 to serve no metrics port)',
    ]);
  });
});
