import { displayUrl } from '../log/display-url';
import type { Logger } from '../log/logger';
import type { JwksKeyStoreOptions } from './jwks-key-store';

/**
 * One error line when the key set stops being had and one info line when it is back, however
 * many fetches fail in between (each unknown kid may try one per cooldown).
 */
export function jwksOutageLog(
  log: Logger,
  url: string,
): Required<Pick<JwksKeyStoreOptions, 'onFetchError' | 'onFetched'>> {
  const where = displayUrl(url);
  let down = false;
  return {
    onFetchError(error) {
      if (down) return;
      down = true;
      log.error(
        { event: 'jwks_unavailable', reason: error.reason, url: where, err: error.message },
        'key set unavailable: tokens with keys not yet known are refused until it is back',
      );
    },
    onFetched() {
      if (!down) return;
      down = false;
      log.info({ event: 'jwks_available', url: where }, 'key set available again');
    },
  };
}
