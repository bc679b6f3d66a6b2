import type { DataSource } from 'typeorm';
import { readBearerToken } from '../auth/bearer-header';
import { RevocationStore } from '../auth/revocation.store';
import { TokenRejectedError } from '../auth/token-rejected';
import type { TokenVerifier } from '../auth/token-verifier';
import { RequestTransaction } from '../db/request-transaction';
import { UnauthenticatedError } from '../errors/errors';
import type { Logger } from '../log/logger';
import { createStores } from '../ownership/stores';
import type { RequestContext } from './context';

export interface ContextFactoryOptions {
  readonly verifier: TokenVerifier;
  readonly dataSource: DataSource;
  /** false only in the ablation tests that prove row-level security holds on its own. */
  readonly ownerFilter?: boolean;
}

export interface RequestInfo {
  readonly authorization: readonly string[] | undefined;
  readonly ip: string | undefined;
  readonly log: Logger;
}

/**
 * Verifies the token once per request and opens the request's transaction. Any failure
 * (missing, malformed, forged, expired, revoked) is one UnauthenticatedError for the
 * client; the reason goes to the log.
 */
export function createContextFactory(options: ContextFactoryOptions) {
  return async (request: RequestInfo): Promise<RequestContext> => {
    const { log } = request;
    let viewer;
    try {
      viewer = await options.verifier.verify(readBearerToken(request.authorization));
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      log.warn({ event: 'auth_failure', reason: error.reason, ip: request.ip }, 'token rejected');
      throw new UnauthenticatedError();
    }
    const userLog = log.child({ userId: viewer.id });
    const tx = await RequestTransaction.begin(options.dataSource, viewer.id, userLog);
    try {
      const revocations = new RevocationStore(tx);
      if (await revocations.isRevoked(viewer)) {
        userLog.warn(
          { event: 'auth_failure', reason: 'revoked', ip: request.ip },
          'token rejected',
        );
        throw new UnauthenticatedError();
      }
      const stores = createStores(tx, viewer, options.ownerFilter ?? true);
      return { viewer, log: userLog, tx, stores, revocations };
    } catch (error) {
      await tx.rollback();
      throw error;
    }
  };
}
