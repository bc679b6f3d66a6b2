import type { Logger } from '../log/logger';
import { REVOCATION_CHANNEL, TASK_CHANNEL } from '../db/notify-channels';
import {
  parseRevocation,
  parseTaskChange,
  type RevocationEvent,
  type TaskChangeEvent,
} from './change-events';
import type { NotificationHandlers } from './notification-source';

type Handler<T> = (event: T) => void;

/** Handlers by user id: an event is handed only to its own user's handlers, never looked at by others. */
class ByUser<T> {
  private readonly handlers = new Map<string, Set<Handler<T>>>();

  add(userId: string, handler: Handler<T>): () => void {
    let set = this.handlers.get(userId);
    if (!set) {
      set = new Set();
      this.handlers.set(userId, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0 && this.handlers.get(userId) === set) this.handlers.delete(userId);
    };
  }

  emit(userId: string, event: T): void {
    for (const handler of [...(this.handlers.get(userId) ?? [])]) handler(event);
  }
}

/** This instance's fan-out of the database's notifications to its sockets. */
export class ChangeHub implements NotificationHandlers {
  private readonly tasks = new ByUser<TaskChangeEvent>();
  private readonly revocations = new ByUser<RevocationEvent>();
  private readonly outages = new Set<() => void>();
  private listening = true;

  constructor(private readonly log: Logger) {}

  /** false while the listener is reconnecting: new sockets are refused then. */
  get available(): boolean {
    return this.listening;
  }

  onTaskChange(userId: string, handler: Handler<TaskChangeEvent>): () => void {
    return this.tasks.add(userId, handler);
  }

  onRevocation(userId: string, handler: Handler<RevocationEvent>): () => void {
    return this.revocations.add(userId, handler);
  }

  onOutage(handler: () => void): () => void {
    this.outages.add(handler);
    return () => this.outages.delete(handler);
  }

  notify(channel: string, payload: string): void {
    if (channel === TASK_CHANNEL) {
      const event = parseTaskChange(payload);
      if (event) return this.tasks.emit(event.ownerId, event);
    } else if (channel === REVOCATION_CHANNEL) {
      const event = parseRevocation(payload);
      if (event) return this.revocations.emit(event.userId, event);
    }
    this.log.warn({ event: 'notification_ignored', channel }, 'unrecognised notification');
  }

  down(): void {
    this.listening = false;
    for (const handler of [...this.outages]) handler();
  }

  up(): void {
    this.listening = true;
  }
}
