import type { TaskEntity } from '../entities/task.entity';
import { UnauthenticatedError } from '../errors/errors';
import type { RequestContext } from '../request/request-context';
import type { TaskChangeEvent, TaskChangeKind } from './change-events';
import { Close } from './close-codes';
import type { LiveSession } from './live-session';

/** Events one subscription may have waiting to be read; more means it cannot keep up. */
export const MAX_PENDING_EVENTS = 1000;

/** One event as the subscriber may see it, with the transaction it was read in. */
export interface TaskChangePayload {
  readonly kind: TaskChangeKind;
  readonly taskId: string;
  readonly task: TaskEntity | null;
  /** Its own request transaction, still open: the answer's nested fields are read in it. */
  readonly context: RequestContext;
}

function matches(event: TaskChangeEvent, projectId: string | null): boolean {
  if (projectId === null) return true;
  const wanted = projectId.toLowerCase();
  return event.projectIds.some((id) => id !== null && id.toLowerCase() === wanted);
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The viewer's own changes (the hub hands over no one else's), one at a time in commit
 * order. Each is read in a new request transaction as the viewer, under RLS, after its
 * commit: `task` is the row as it is now (null once deleted). A foreign or unknown
 * projectId matches no event of the viewer's, so it yields nothing, as a missing one does.
 * The consumer ends each payload's transaction. A hand-written iterator, not a generator:
 * return() must end a stream that is waiting for its next event.
 */
export function taskChangeStream(
  session: LiveSession,
  projectId: string | null,
): AsyncIterableIterator<TaskChangePayload> {
  const pending: TaskChangeEvent[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const finish = () => {
    finished = true;
    stopEvents();
    stopEnd();
    wake?.();
  };
  const stopEvents = session.hub.onTaskChange(session.viewer.id, (event) => {
    if (!matches(event, projectId)) return;
    if (pending.length >= MAX_PENDING_EVENTS) {
      session.log.warn({ event: 'slow_consumer', pending: pending.length }, 'events piling up');
      session.end(Close.SLOW_CONSUMER);
      return;
    }
    pending.push(event);
    wake?.();
  });
  const stopEnd = session.onEnd(finish);

  const read = async (event: TaskChangeEvent): Promise<TaskChangePayload> => {
    let context: RequestContext;
    try {
      context = await session.open();
    } catch (error) {
      // A token revoked meanwhile, or a database out of reach: the socket ends either way.
      session.end(error instanceof UnauthenticatedError ? Close.UNAUTHORIZED : Close.UNAVAILABLE);
      throw error;
    }
    try {
      const task = event.kind === 'DELETED' ? null : await context.stores.tasks.find(event.taskId);
      return { kind: event.kind, taskId: event.taskId, task, context };
    } catch (error) {
      await context.tx.rollback();
      throw error;
    }
  };

  const iterator: AsyncIterableIterator<TaskChangePayload> = {
    async next() {
      while (!finished) {
        const event = pending.shift();
        if (event) return { done: false, value: await read(event) };
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
      return DONE;
    },
    async return() {
      finish();
      return DONE;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
