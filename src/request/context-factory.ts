import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { readAccessToken } from '../auth/bearer-header';
import { DpopRejectedError, ReplayCheckUnavailableError } from '../auth/dpop/dpop-rejected';
import { checkKeyBinding, type KeyBindingPolicy } from '../auth/dpop/key-binding';
import { revocationGate } from '../auth/revocation-gate';
import { RevocationStore } from '../auth/revocation.store';
import { TokenRejectedError } from '../auth/token-rejected';
import type { TokenVerifier } from '../auth/token-verifier';
import type { Viewer } from '../auth/viewer';
import { TOKEN_REVOKED_SQLSTATE } from '../db/migrations/1764000000006-refuse-revoked-token';
import type { Settled } from '../db/pipeline/statement-pipeline';
import { RequestTransaction } from '../db/request-transaction';
import { sqlStateOf } from '../db/sqlstate';
import { ServiceUnavailableError, UnauthenticatedError } from '../errors/errors';
import type { ServerTiming } from '../http/server-timing';
import type { Logger } from '../log/logger';
import { createStores } from '../ownership/stores';
import { currentSpan, withSpan } from '../tracing/span';
import type { RequestContext } from './request-context';

export interface ContextFactoryOptions {
  readonly verifier: TokenVerifier;
  readonly dataSource: DataSource;
  /** false only in the ablation tests that prove row-level security holds on its own. */
  readonly ownerFilter?: boolean;
  /** DPoP (RFC 9449): how bound tokens' proofs are checked, and whether bearer is allowed. */
  readonly keyBinding: KeyBindingPolicy;
  /** Runs once the token is verified, before any database work: rate limits refuse here. */
  readonly admit?: (viewer: Viewer, log: Logger) => Promise<void>;
  /** statement_timeout of each request's transaction (DB_STATEMENT_TIMEOUT). */
  readonly statementTimeoutMs?: number;
}

export interface RequestInfo {
  readonly authorization: readonly string[] | undefined;
  readonly ip: string | undefined;
  /** Every DPoP header value received. */
  readonly dpop?: readonly string[];
  readonly method?: string;
  /** The URLs a DPoP proof's htu may name for this request (http/dpop-targets.ts). */
  readonly urls?: readonly string[];
  readonly log: Logger;
  /** Set when the answer reports Server-Timing: auth and database time are added to it. */
  readonly timing?: ServerTiming;
  /**
   * Awaited once the token is verified and the user admitted, before the transaction opens:
   * the handler reads the body there, so a client that sends it slowly, or never, holds a
   * socket but no database connection.
   */
  readonly beforeOpen?: () => Promise<unknown>;
}

/** The request's context, and the same request's next run on a fresh transaction. */
export interface ContextFactory {
  (request: RequestInfo): Promise<RequestContext>;
  /**
   * A new transaction for a request already authenticated and admitted (`previous` is its
   * last run's context, rolled back): a run again after a concurrent change. The token and
   * its DPoP proof are not checked again (a proof is good for one use) and the rate limits
   * are not charged again; revocation is checked again, in the new opening.
   */
  reopen(request: RequestInfo, previous: RequestContext): Promise<RequestContext>;
  /** The token check alone (a socket's connection_init): the viewer, or UnauthenticatedError. */
  authenticate(request: RequestInfo): Promise<Viewer>;
  /**
   * A transaction for a viewer authenticated earlier (a subscription's event): revocation is
   * checked in its opening, rate limits are not charged.
   */
  open(request: RequestInfo, viewer: Viewer, log: Logger): Promise<RequestContext>;
}

/**
 * Verifies the token once per request and opens the request's transaction. Any failure
 * (missing, malformed, forged, expired, revoked) is one UnauthenticatedError for the
 * client; the reason goes to the log.
 */
export function createContextFactory(options: ContextFactoryOptions): ContextFactory {
  const authenticate = async (request: RequestInfo): Promise<Viewer> => {
    const { log, timing } = request;
    const verifyStarted = performance.now();
    try {
      const { scheme, token } = readAccessToken(request.authorization);
      const viewer = await options.verifier.verify(token);
      await checkKeyBinding(
        viewer,
        {
          scheme,
          token,
          proofs: request.dpop,
          method: request.method ?? '',
          urls: request.urls ?? [],
        },
        options.keyBinding,
      );
      return viewer;
    } catch (error) {
      if (error instanceof ReplayCheckUnavailableError) {
        log.warn(
          { event: 'dpop_replay_unavailable', err: error.cause, ip: request.ip },
          'DPoP proof not checked: replay record unavailable',
        );
        throw new ServiceUnavailableError(error.cause);
      }
      if (!(error instanceof TokenRejectedError || error instanceof DpopRejectedError)) throw error;
      currentSpan().setAttributes({ 'auth.failure_reason': error.reason });
      log.warn({ event: 'auth_failure', reason: error.reason, ip: request.ip }, 'token rejected');
      throw new UnauthenticatedError();
    } finally {
      timing?.addAuth(performance.now() - verifyStarted);
    }
  };

  const open = async (
    request: RequestInfo,
    viewer: Viewer,
    userLog: Logger,
  ): Promise<RequestContext> => {
    const { timing } = request;
    const refused = () => {
      userLog.warn({ event: 'auth_failure', reason: 'revoked', ip: request.ip }, 'token rejected');
      return new UnauthenticatedError();
    };
    // The opening (and its revocation check, which raises for a revoked token) leaves with
    // the request's first statements; it is judged before COMMIT, and no statement behind a
    // failed check reads anything.
    const tx = await RequestTransaction.begin(options.dataSource, viewer.id, userLog, {
      timer: timing,
      read: revocationGate(viewer),
      statementTimeoutMs: options.statementTimeoutMs,
      pipelined: true,
      checkOpening: (opening: Settled<Record<string, unknown>[]>) => {
        if (!opening.ok) {
          throw sqlStateOf(opening.error) === TOKEN_REVOKED_SQLSTATE ? refused() : opening.error;
        }
        if (opening.value[0]?.['revoked'] !== false) throw refused();
      },
    });
    const revocations = new RevocationStore(tx, options.verifier.tolerance);
    const stores = createStores(tx, viewer, options.ownerFilter ?? true);
    return { viewer, log: userLog, tx, stores, revocations };
  };

  const create = async (request: RequestInfo): Promise<RequestContext> => {
    const viewer = await withSpan('authenticate', {}, () => authenticate(request));
    const userLog = request.log.child({ userId: viewer.id });
    await options.admit?.(viewer, userLog);
    await request.beforeOpen?.();
    return open(request, viewer, userLog);
  };
  return Object.assign(create, {
    reopen: (request: RequestInfo, previous: RequestContext) =>
      open(request, previous.viewer, previous.log),
    authenticate,
    open,
  });
}
