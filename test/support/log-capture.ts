import pino from 'pino';
import type { Logger } from '../../src/log/logger';

export type LogLine = Record<string, any>;

export interface LogCapture {
  readonly logger: Logger;
  readonly lines: LogLine[];
  /** The lines of one audit event, in order. */
  events(event: string): LogLine[];
  /** Everything written, as the JSON text a log shipper would see. */
  text(): string;
}

/** A pino logger writing parsed lines to memory: what the server would print, one per line. */
export function captureLog(level = 'debug'): LogCapture {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const logger = pino(
    { level },
    {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  );
  return {
    logger,
    lines,
    events: (event) => lines.filter((line) => line['event'] === event),
    text: () => raw.join(''),
  };
}
