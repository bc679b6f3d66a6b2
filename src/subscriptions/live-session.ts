import type { Viewer } from '../auth/viewer';
import type { RequestContext } from '../request/request-context';
import type { Logger } from '../log/logger';
import type { RevocationEvent } from './change-events';
import type { ChangeHub } from './change-hub';
import { Close, type CloseCause } from './close-codes';

/** setTimeout's longest delay; a later expiry re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LiveSessionOptions {
  readonly viewer: Viewer;
  readonly log: Logger;
  readonly hub: ChangeHub;
  /** A request transaction for this viewer, revocation checked in its opening. */
  readonly open: () => Promise<RequestContext>;
  /** Ends the socket; called at most once by the session. */
  readonly close: (cause: CloseCause) => void;
}

function revokes(viewer: Viewer, event: RevocationEvent): boolean {
  return event.type === 'token'
    ? event.tokenId === viewer.tokenId
    : viewer.issuedAt <= event.issuedAtOrBefore;
}

/**
 * One authenticated socket: it lives no longer than its token (closed at `exp` by this
 * server's clock, on revocation from any instance, when the change feed is lost).
 */
export class LiveSession {
  readonly viewer: Viewer;
  readonly log: Logger;
  readonly hub: ChangeHub;
  /** Subscriptions running on the socket, for WS_MAX_SUBSCRIPTIONS. */
  subscriptions = 0;
  private ended = false;
  private expiry: NodeJS.Timeout | undefined;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly endHandlers = new Set<() => void>();

  constructor(private readonly options: LiveSessionOptions) {
    this.viewer = options.viewer;
    this.log = options.log;
    this.hub = options.hub;
    this.unsubscribe.push(
      options.hub.onRevocation(this.viewer.id, (event) => {
        if (!revokes(this.viewer, event)) return;
        this.log.info(
          { event: 'socket_revoked', type: event.type },
          'token revoked: socket closed',
        );
        this.end(Close.UNAUTHORIZED);
      }),
      options.hub.onOutage(() => this.end(Close.UNAVAILABLE)),
    );
    this.armExpiry();
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Runs when the session ends (at once if it has); answers a function that unregisters. */
  onEnd(handler: () => void): () => void {
    if (this.ended) {
      handler();
      return () => undefined;
    }
    this.endHandlers.add(handler);
    return () => this.endHandlers.delete(handler);
  }

  open(): Promise<RequestContext> {
    return this.options.open();
  }

  /** Closes the socket for `cause`, once; later calls do nothing. */
  end(cause: CloseCause): void {
    if (this.ended) return;
    this.dispose();
    this.options.close(cause);
  }

  /** The socket closed on its own: stop every timer and handler. */
  dispose(): void {
    if (this.ended && this.endHandlers.size === 0) return;
    this.ended = true;
    if (this.expiry) clearTimeout(this.expiry);
    for (const stop of this.unsubscribe.splice(0)) stop();
    const handlers = [...this.endHandlers];
    this.endHandlers.clear();
    for (const handler of handlers) handler();
  }

  private armExpiry(): void {
    const left = this.viewer.expiresAt * 1000 - Date.now();
    if (left <= 0) {
      this.log.info({ event: 'socket_expired' }, 'token expired: socket closed');
      this.end(Close.UNAUTHORIZED);
      return;
    }
    this.expiry = setTimeout(() => this.armExpiry(), Math.min(left, MAX_TIMER_MS));
    this.expiry.unref();
  }
}
