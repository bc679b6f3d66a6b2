/** Close codes a socket ends with, and the one reason each carries (nothing more is told). */
export const Close = {
  /** The contract's: any bad, missing, expired or revoked token, before or during a session. */
  UNAUTHORIZED: { code: 4401, reason: 'Unauthorized' },
  /** The user's sockets on this instance are at WS_MAX_SOCKETS_PER_USER. */
  TOO_MANY_SOCKETS: { code: 4429, reason: 'Too many sockets' },
  /** Try again later: the database (or its change feed) is unreachable. */
  UNAVAILABLE: { code: 1013, reason: 'Database unavailable' },
  /** Try again later: the client read slower than its events came. */
  SLOW_CONSUMER: { code: 1013, reason: 'Slow consumer' },
  GOING_AWAY: { code: 1001, reason: 'Going away' },
} as const;

export interface CloseCause {
  readonly code: number;
  readonly reason: string;
}

/** The metric label of a close: ours by name, the protocol's and the client's by code. */
export function closeLabel(code: number, reason: string): string {
  const ours = Object.entries(Close).find(([, c]) => c.code === code && c.reason === reason);
  if (ours) return ours[0].toLowerCase();
  const known: Record<number, string> = {
    1000: 'normal',
    1001: 'going_away',
    1005: 'no_status',
    1006: 'abnormal',
    1009: 'message_too_big',
    4400: 'bad_request',
    4406: 'subprotocol',
    4408: 'init_timeout',
    4409: 'duplicate_id',
    4429: 'too_many_init',
    4500: 'internal_error',
  };
  return known[code] ?? 'other';
}
