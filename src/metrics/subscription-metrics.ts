import { Counter, Gauge, type Registry } from 'prom-client';

/** The WebSocket side's series, in the app's registry. */
export interface SubscriptionMetrics {
  readonly openSockets: Gauge;
  readonly activeSubscriptions: Gauge;
  readonly eventsSent: Counter;
  /** By reason: ours by name (unauthorized, slow_consumer…), others by close code. */
  readonly socketsClosed: Counter<'reason'>;
}

const PREFIX = 'task_api_ws_';

export function createSubscriptionMetrics(registry: Registry): SubscriptionMetrics {
  const registers = [registry];
  return {
    openSockets: new Gauge({
      name: `${PREFIX}open_sockets`,
      help: 'WebSocket connections open on /graphql.',
      registers,
    }),
    activeSubscriptions: new Gauge({
      name: `${PREFIX}active_subscriptions`,
      help: 'Subscriptions running.',
      registers,
    }),
    eventsSent: new Counter({
      name: `${PREFIX}events_sent_total`,
      help: 'Subscription events sent to clients.',
      registers,
    }),
    socketsClosed: new Counter({
      name: `${PREFIX}sockets_closed_total`,
      help: 'WebSocket connections closed, by reason.',
      labelNames: ['reason'],
      registers,
    }),
  };
}
