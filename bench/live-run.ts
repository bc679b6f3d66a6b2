import { committedChange } from './committed-change';
import { DeliveryLedger, type DeliveredEvent, type DeliveryResult } from './delivery-ledger';
import type { RunOptions } from './load-run';
import { openSubscribers } from './live-subscribers';
import { taskId, userId } from './seed-ids';

const READY_TIMEOUT_MS = 15_000;

export interface LiveOptions<R> {
  readonly url: string;
  readonly tokens: ReadonlyMap<number, string>;
  /** Seeded users to subscribe (each must have a token). */
  readonly users: readonly number[];
  readonly graceSeconds: number;
  /** Runs the load, handing every answer to the ledger. */
  readonly load: (onAnswer: NonNullable<RunOptions['onAnswer']>) => Promise<R>;
}

export interface LiveOutcome<R> {
  readonly run: R;
  readonly delivery: DeliveryResult & { readonly problems: readonly string[] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One write of the user's own first task over HTTP: its event proves the subscription live. */
async function probe(url: string, token: string, user: number): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation Ready($id: ID!) { updateTask(id: $id, input: { priority: LOW }) { id } }',
      variables: { id: taskId(user, 1) },
    }),
  });
  const text = await res.text();
  if (!committedChange('update', res.status, text)) {
    throw new Error(`readiness write of ${userId(user)} failed: ${res.status} ${text}`);
  }
}

/**
 * N subscribers while the load runs: every committed change of theirs must reach their own
 * socket (lost = 0) and nothing of anyone else's may (foreign = 0).
 */
export async function runLive<R>(options: LiveOptions<R>): Promise<LiveOutcome<R>> {
  const owners = options.users.map(userId);
  const ledger = new DeliveryLedger(owners);
  const ready = new Set<string>();
  let route: (owner: string, event: DeliveredEvent, at: number) => void = (owner) =>
    ready.add(owner);
  const subscribers = await openSubscribers(
    options.url,
    options.users.map((user) => ({ owner: userId(user), token: options.tokens.get(user)! })),
    (owner, event, at) => route(owner, event, at),
  );
  try {
    for (const user of options.users) await probe(options.url, options.tokens.get(user)!, user);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (ready.size < owners.length) {
      if (Date.now() > deadline) {
        throw new Error(`only ${ready.size} of ${owners.length} subscriptions live`);
      }
      await sleep(20);
    }
    route = (owner, event, at) => ledger.delivered(owner, event, at);
    const run = await options.load((operation, status, text, sentAt) => {
      const change = committedChange(operation.kind, status, text);
      if (change) ledger.committed(userId(operation.user), change, sentAt);
    });
    // Grace for events still in flight; whatever is still waiting after it is lost.
    const graceEnds = Date.now() + options.graceSeconds * 1000;
    while (ledger.pending > 0 && Date.now() < graceEnds) await sleep(50);
    // A moment more for anything unasked-for (a foreign or unmatched event) to show up.
    await sleep(Math.min(500, options.graceSeconds * 1000));
    return { run, delivery: { ...ledger.result(), problems: subscribers.problems() } };
  } finally {
    await subscribers.close();
  }
}
