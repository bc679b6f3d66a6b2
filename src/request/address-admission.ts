import { UnauthenticatedError } from '../errors/errors';
import type { RequestContext } from './request-context';
import type { RequestInfo } from './context-factory';
import type { RateLimiter } from '../rate-limit/rate-limiter';

/**
 * Wraps the context factory: an address over its limit of bad tokens is refused before its
 * token is even checked, and every refused token counts against its address.
 */
export function withAddressAdmission(
  create: (request: RequestInfo) => Promise<RequestContext>,
  rateLimiter: RateLimiter,
): (request: RequestInfo) => Promise<RequestContext> {
  return async (request) => {
    await rateLimiter.checkAddress(request.ip, request.log);
    try {
      return await create(request);
    } catch (error) {
      if (error instanceof UnauthenticatedError)
        await rateLimiter.authFailed(request.ip, request.log);
      throw error;
    }
  };
}
