import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON line per event. Tokens and secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'task-api' },
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'headers.authorization',
        'secret',
      ],
      censor: '[redacted]',
    },
  });
}
