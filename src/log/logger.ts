import pino, { type Logger } from 'pino';
import { prettyLine } from './pretty-line';

export type { Logger };

export type LogFormat = 'json' | 'pretty';

/**
 * One JSON line per event (or, `pretty`, one readable line). Tokens and secrets are
 * redacted wherever they might appear.
 */
export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  const pretty = { write: (line: string) => process.stdout.write(prettyLine(line)) };
  const options = {
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
  };
  return format === 'pretty' ? pino(options, pretty) : pino(options);
}
