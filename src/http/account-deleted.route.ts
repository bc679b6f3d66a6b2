import type { DataSource } from 'typeorm';
import { SIGNATURE_HEADER, isSignedAccountDeletion } from '../auth/account-deletion-signature';
import { isValidSubject } from '../auth/token-claims';
import { RequestTransaction } from '../db/request-transaction';
import type { Logger } from '../log/logger';
import { eraseAccount } from '../ownership/account-erasure';
import { BodyTooLargeError, readBody } from './read-body';
import type { RouteHandler } from './router';
import { baseHeaders, sendJson } from './send';

export const ACCOUNT_DELETED_PATH = '/hooks/account-deleted';
const MAX_BODY_BYTES = 4096;

export interface AccountDeletedRouteOptions {
  /** ACCOUNT_DELETION_SECRET: only Better Auth's server holds it too. */
  readonly secret: string;
  readonly dataSource: DataSource;
  readonly log: Logger;
}

function userIdOf(body: string): string | undefined {
  try {
    const { userId } = JSON.parse(body) as { userId?: unknown };
    return isValidSubject(userId) ? userId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Better Auth's afterDelete hook calls this, server to server, signed with an HMAC of the
 * body: every row of the user is erased in one transaction and their tokens refused.
 */
export function createAccountDeletedRoute(options: AccountDeletedRouteOptions): RouteHandler {
  const { secret, dataSource, log } = options;
  return async (req, res) => {
    const headers = baseHeaders('-');
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: 'method not allowed' }, { ...headers, allow: 'POST' });
      return;
    }
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) return void res.destroy();
      sendJson(res, 413, { error: 'body too large' }, headers);
      return;
    }
    const signature = req.headers[SIGNATURE_HEADER];
    if (!isSignedAccountDeletion(secret, typeof signature === 'string' ? signature : '', body)) {
      log.warn(
        { event: 'account_deletion_refused', ip: req.socket.remoteAddress },
        'bad signature',
      );
      sendJson(res, 401, { error: 'bad or missing signature' }, headers);
      return;
    }
    const userId = userIdOf(body);
    if (userId === undefined) {
      sendJson(res, 400, { error: 'the body must be {"userId": "<the user id>"}' }, headers);
      return;
    }
    const userLog = log.child({ userId });
    let tx: RequestTransaction | undefined;
    try {
      tx = await RequestTransaction.begin(dataSource, userId, userLog);
      await eraseAccount(tx);
      await tx.commit();
    } catch (error) {
      await tx?.rollback();
      userLog.error({ event: 'account_deletion_failed', err: error }, 'account deletion failed');
      // The caller retries: erasing is idempotent.
      sendJson(res, 503, { error: 'unavailable, retry' }, { ...headers, 'retry-after': '5' });
      return;
    }
    userLog.info({ event: 'account_deleted', via: 'hook' }, 'account deleted');
    res.writeHead(204, headers).end();
  };
}
