import { ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { from, switchMap, throwError, timer } from 'rxjs';

export interface RetryLinkOptions {
  /** A new token after a 401; the retry's auth link reads it from the token source. */
  readonly refreshToken?: () => Promise<unknown>;
  /** A Retry-After beyond this is not waited for: the 429 goes to the caller. */
  readonly maxRetryAfterSeconds?: number;
  /** Retries after 429 per operation. */
  readonly maxRateLimitRetries?: number;
}

const RETRIES = 'taskApiRetries';

/**
 * 401 (with refreshToken): one token refresh, then the operation once more (a second 401 goes to the caller, so a
 * refused account cannot loop). 429: waits what Retry-After says, then retries. Both arrive as
 * a ServerError: the status is its statusCode, the header is on its response.
 */
export function createRetryLink({
  refreshToken,
  maxRetryAfterSeconds = 30,
  maxRateLimitRetries = 2,
}: RetryLinkOptions): ErrorLink {
  return new ErrorLink(({ error, operation, forward }) => {
    if (!ServerError.is(error)) return;
    const done = (operation.getContext()[RETRIES] ?? { auth: 0, rate: 0 }) as {
      auth: number;
      rate: number;
    };
    if (error.statusCode === 401 && refreshToken && done.auth === 0) {
      operation.setContext({ [RETRIES]: { ...done, auth: 1 } });
      // A failed refresh hands on the 401 itself, the error the caller knows how to read.
      const refreshed = refreshToken().then(
        () => true,
        () => false,
      );
      return from(refreshed).pipe(
        switchMap((ok) => (ok ? forward(operation) : throwError(() => error))),
      );
    }
    if (error.statusCode === 429 && done.rate < maxRateLimitRetries) {
      const seconds = retryAfterSeconds(error.response.headers.get('retry-after'));
      if (seconds === undefined || seconds > maxRetryAfterSeconds) return;
      operation.setContext({ [RETRIES]: { ...done, rate: done.rate + 1 } });
      return timer(seconds * 1000).pipe(switchMap(() => forward(operation)));
    }
    return;
  });
}

/** Retry-After as seconds (a number or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
