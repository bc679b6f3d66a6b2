import type { Viewer } from '../auth/viewer';
import type { Logger } from '../log/logger';
import type { LiveSession } from '../subscriptions/live-session';

/**
 * What a subscription starts with: the socket's viewer, no transaction. Each event is then
 * resolved with a RequestContext of its own (see subscriptions/subscription-execution.ts).
 */
export interface SubscriptionContext {
  readonly viewer: Viewer;
  readonly log: Logger;
  readonly live: LiveSession;
}
