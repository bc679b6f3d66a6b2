import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log/logger';

/**
 * One access-log line per request once its answer is sent (or the client left): method,
 * operation name, status and time. No URL query, header or body: they may hold tokens.
 */
export function logAccess(
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  operation: () => string | undefined,
): void {
  const started = performance.now();
  res.once('close', () => {
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const method = req.method ?? 'GET';
    const name = operation() ?? '-';
    const status = res.writableFinished ? res.statusCode : 0;
    log.info(
      { event: 'request', method, operation: name, status, durationMs },
      `${method} ${name} ${status || 'aborted'} ${durationMs}ms`,
    );
  });
}
