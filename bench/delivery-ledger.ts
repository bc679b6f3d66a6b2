import { round, summarize, type Summary } from './percentiles';
import { ownerNamedIn } from './seed-ids';

export type ChangeKind = 'CREATED' | 'UPDATED' | 'DELETED';

/** A task change a mutation's answer says was committed. */
export interface CommittedChange {
  readonly kind: ChangeKind;
  readonly taskId: string;
}

/** One `next` of taskChanged as a socket received it. */
export interface DeliveredEvent {
  readonly kind: string;
  readonly taskId: string;
  /** The task's title as the subscriber reads it; null once deleted. */
  readonly title: string | null | undefined;
}

export interface DeliveryResult {
  readonly subscribers: number;
  /** Committed changes of subscribed users: each must arrive at its owner's socket. */
  readonly sent: number;
  readonly received: number;
  readonly matched: number;
  /** Committed changes that never arrived within the grace period: must be 0. */
  readonly lost: number;
  /** Events about another user's task: must be 0. */
  readonly foreign: number;
  /**
   * Own events no answered mutation explains: a write still in flight when the load stopped
   * (autocannon drops its answer, the server commits it), or one answered with an error.
   */
  readonly unmatched: number;
  /** The unmatched events by kind, to tell what explains them. */
  readonly unmatchedByKind: Readonly<Record<string, number>>;
  /** Matched events that arrived before the mutation's HTTP answer did. */
  readonly beforeAnswer: number;
  /** From the mutation's send to the event's arrival at the owner's socket. */
  readonly latencyMs: Summary;
}

const key = (owner: string, kind: string, taskId: string) => `${owner}|${kind}|${taskId}`;

function take<T>(map: Map<string, T[]>, k: string): T | undefined {
  const list = map.get(k);
  const first = list?.shift();
  if (list?.length === 0) map.delete(k);
  return first;
}

function put<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k);
  if (list) list.push(value);
  else map.set(k, [value]);
}

const count = (map: Map<string, unknown[]>) =>
  [...map.values()].reduce((sum, list) => sum + list.length, 0);

/**
 * Pairs each committed change of a subscribed user with the event its socket receives, in
 * either order: the notification can overtake the mutation's own HTTP answer, so an event
 * that arrives first waits here for the answer that names its task.
 */
export class DeliveryLedger {
  private readonly subscribed: ReadonlySet<string>;
  /** Every task id a mutation answered, to whichever user, so a misrouted one is caught. */
  private readonly ownerOf = new Map<string, string>();
  private readonly waiting = new Map<string, number[]>();
  private readonly early = new Map<string, number[]>();
  private readonly latencies: number[] = [];
  private sent = 0;
  private received = 0;
  private foreign = 0;
  private beforeAnswer = 0;

  constructor(subscribedOwners: Iterable<string>) {
    this.subscribed = new Set(subscribedOwners);
  }

  /** `sentAt` and the arrival times below are performance.now() of this process. */
  committed(owner: string, change: CommittedChange, sentAt: number): void {
    this.ownerOf.set(change.taskId, owner);
    if (!this.subscribed.has(owner)) return;
    this.sent += 1;
    const k = key(owner, change.kind, change.taskId);
    const arrivedAt = take(this.early, k);
    if (arrivedAt === undefined) {
      put(this.waiting, k, sentAt);
      return;
    }
    this.beforeAnswer += 1;
    this.latencies.push(Math.max(0, arrivedAt - sentAt));
  }

  delivered(owner: string, event: DeliveredEvent, arrivedAt: number): void {
    this.received += 1;
    const named = typeof event.title === 'string' ? ownerNamedIn(event.title) : undefined;
    const known = this.ownerOf.get(event.taskId);
    if ((named !== undefined && named !== owner) || (known !== undefined && known !== owner)) {
      this.foreign += 1;
      return;
    }
    const k = key(owner, event.kind, event.taskId);
    const sentAt = take(this.waiting, k);
    if (sentAt !== undefined) this.latencies.push(arrivedAt - sentAt);
    else put(this.early, k, arrivedAt);
  }

  /** Committed changes still waiting for their event. */
  get pending(): number {
    return count(this.waiting);
  }

  result(): DeliveryResult {
    const s = summarize(this.latencies);
    // An early event can name a task whose owner's answer came after it: judged only now.
    let foreign = this.foreign;
    let unmatched = 0;
    const unmatchedByKind: Record<string, number> = {};
    for (const [k, arrivals] of this.early) {
      const [owner, kind, task] = k.split('|') as [string, string, string];
      const known = this.ownerOf.get(task);
      if (known !== undefined && known !== owner) {
        foreign += arrivals.length;
        continue;
      }
      unmatched += arrivals.length;
      unmatchedByKind[kind] = (unmatchedByKind[kind] ?? 0) + arrivals.length;
    }
    return {
      subscribers: this.subscribed.size,
      sent: this.sent,
      received: this.received,
      matched: this.latencies.length,
      lost: count(this.waiting),
      foreign,
      unmatched,
      unmatchedByKind,
      beforeAnswer: this.beforeAnswer,
      latencyMs: {
        p50: round(s.p50),
        p90: round(s.p90),
        p99: round(s.p99),
        max: round(s.max),
        mean: round(s.mean),
      },
    };
  }
}
