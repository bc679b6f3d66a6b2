import { UnauthenticatedError } from '../errors/errors';
import type { RequestContext } from '../request/request-context';
import type { RequestInfo } from '../request/context-factory';
import type { RateGuard } from './rate-guard';

/**
 * Wraps the context factory: an address over its limit of bad tokens is refused before its
 * token is even checked, and every refused token counts against its address.
 */
export function guardedContext(
  create: (request: RequestInfo) => Promise<RequestContext>,
  guard: RateGuard,
): (request: RequestInfo) => Promise<RequestContext> {
  return async (request) => {
    await guard.checkAddress(request.ip, request.log);
    try {
      return await create(request);
    } catch (error) {
      if (error instanceof UnauthenticatedError) await guard.authFailed(request.ip, request.log);
      throw error;
    }
  };
}
