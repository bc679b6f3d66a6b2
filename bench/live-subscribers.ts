import WebSocket from 'ws';
import type { DeliveredEvent } from './delivery-ledger';

const SUBSCRIPTION = `subscription Changes { taskChanged { kind taskId task { title } } }`;
const OPEN_TIMEOUT_MS = 10_000;

interface Message {
  readonly type: string;
  readonly id?: string;
  readonly payload?: {
    readonly data?: {
      readonly taskChanged?: { kind: string; taskId: string; task: { title: string } | null };
    };
    readonly errors?: unknown[];
  };
}

export interface Subscribers {
  /** Protocol errors, error payloads and sockets closed before the bench closed them. */
  problems(): string[];
  close(): Promise<void>;
}

/**
 * One graphql-transport-ws socket per user, each subscribed to all of its own task changes.
 * Resolves once every socket is acknowledged and its subscribe sent; the protocol confirms
 * no subscription, so the caller proves them live with a write each (see main.ts).
 */
export async function openSubscribers(
  url: string,
  users: readonly { owner: string; token: string }[],
  onEvent: (owner: string, event: DeliveredEvent, arrivedAt: number) => void,
): Promise<Subscribers> {
  const problems = new Map<string, number>();
  const problem = (text: string) => problems.set(text, (problems.get(text) ?? 0) + 1);
  let closing = false;
  const open = (owner: string, token: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const timer = setTimeout(() => {
        ws.terminate();
        reject(new Error(`socket of ${owner} not acknowledged within ${OPEN_TIMEOUT_MS} ms`));
      }, OPEN_TIMEOUT_MS);
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.once('open', () => {
        ws.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${token}` },
          }),
        );
      });
      ws.on('close', (code) => {
        clearTimeout(timer);
        if (!closing) problem(`socket closed by the server (${code})`);
        reject(new Error(`socket of ${owner} closed (${code})`));
      });
      ws.on('message', (data) => {
        const arrivedAt = performance.now();
        const message = JSON.parse(data.toString()) as Message;
        if (message.type === 'connection_ack') {
          clearTimeout(timer);
          ws.send(
            JSON.stringify({ id: 'changes', type: 'subscribe', payload: { query: SUBSCRIPTION } }),
          );
          resolve(ws);
        } else if (message.type === 'next') {
          const change = message.payload?.data?.taskChanged;
          if (message.payload?.errors?.length || !change) problem('an event with errors');
          else
            onEvent(
              owner,
              { kind: change.kind, taskId: change.taskId, title: change.task?.title ?? null },
              arrivedAt,
            );
        } else if (message.type === 'ping') {
          ws.send(JSON.stringify({ type: 'pong' }));
        } else if (message.type === 'error' || message.type === 'complete') {
          problem(`subscription ${message.type}`);
        }
      });
    });
  const sockets = await Promise.all(users.map(({ owner, token }) => open(owner, token)));
  return {
    problems: () => [...problems].map(([text, n]) => `${n} × ${text}`),
    async close() {
      closing = true;
      await Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              ws.close(1000);
            }),
        ),
      );
    },
  };
}
