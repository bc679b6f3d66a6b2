import {
  createSourceEventStream,
  execute,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { QueryTimeoutError } from '../errors/errors';
import type { TaskChangePayload } from './task-change-stream';

/**
 * graphql-js's subscribe() resolves every event with the one context it was given. Here
 * each event comes with its own request transaction (see task-change-stream.ts): the answer
 * is executed in it and committed before it is sent, like an HTTP request's.
 */
export async function subscribeWithEventContexts(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const events = source as AsyncIterableIterator<TaskChangePayload>;
  const answer = async (event: TaskChangePayload): Promise<ExecutionResult> => {
    const { context } = event;
    try {
      const result = await execute({ ...args, rootValue: event, contextValue: context });
      if (context.tx.timedOut) throw new QueryTimeoutError();
      await context.tx.commit();
      return result;
    } finally {
      await context.tx.rollback();
    }
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const step = await events.next();
      if (step.done) return { done: true, value: undefined };
      return { done: false, value: await answer(step.value) };
    },
    async return() {
      await events.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
