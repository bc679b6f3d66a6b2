import WebSocket from 'ws';

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

export interface ServerMessage {
  readonly type: string;
  readonly id?: string;
  readonly payload?: any;
}

export interface LiveSocketOptions {
  readonly origin?: string;
  readonly protocol?: string;
}

const WAIT_MS = 5000;

/**
 * A graphql-transport-ws client speaking the protocol by hand, so tests see every message
 * and the exact close code (graphql-ws's own client hides some behind its retries).
 */
export class LiveSocket {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<Closed>;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wakeAll();
      });
    });
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as ServerMessage);
      this.wakeAll();
    });
  }

  /** Opens a socket to the server's /graphql (an http:// URL is turned into ws://). */
  static open(url: string, options: LiveSocketOptions = {}): Promise<LiveSocket> {
    const ws = new WebSocket(
      url.replace(/^http/, 'ws'),
      options.protocol ?? 'graphql-transport-ws',
      options.origin ? { origin: options.origin } : {},
    );
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new LiveSocket(ws)));
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  /** Opens and sends connection_init with `Bearer <token>`; resolves on the ack. */
  static async connect(url: string, token: string, extra: Record<string, unknown> = {}) {
    const socket = await LiveSocket.open(url);
    const answer = await socket.init({ authorization: `Bearer ${token}`, ...extra });
    if (answer !== 'ack') throw new Error(`not acknowledged: ${JSON.stringify(answer)}`);
    return socket;
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** connection_init; 'ack', or how the server closed the socket instead. */
  async init(payload?: Record<string, unknown>): Promise<'ack' | Closed> {
    this.send({ type: 'connection_init', ...(payload ? { payload } : {}) });
    const outcome = await Promise.race([
      this.waitFor((m) => m.type === 'connection_ack').then(() => 'ack' as const),
      this.closed,
    ]);
    return outcome;
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.send({ id, type: 'subscribe', payload: { query, variables } });
  }

  complete(id: string): void {
    this.send({ id, type: 'complete' });
  }

  /** The messages for one subscription so far. */
  of(id: string): ServerMessage[] {
    return this.messages.filter((m) => m.id === id);
  }

  /** The payloads of `next` messages for `id` so far. */
  events(id: string): any[] {
    return this.of(id)
      .filter((m) => m.type === 'next')
      .map((m) => m.payload);
  }

  /** Resolves with the first message matching, waiting up to `ms`. */
  async waitFor(match: (m: ServerMessage) => boolean, ms = WAIT_MS): Promise<ServerMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error('socket closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching message within ${ms} ms`);
      await this.sleepUntilMessage(left);
    }
  }

  /** Waits until `count` events arrived for `id`. */
  async eventsFor(id: string, count: number, ms = WAIT_MS): Promise<any[]> {
    const deadline = Date.now() + ms;
    while (this.events(id).length < count) {
      const left = deadline - Date.now();
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED) {
        throw new Error(`${this.events(id).length} of ${count} events for ${id}`);
      }
      await this.sleepUntilMessage(left);
    }
    return this.events(id);
  }

  /** Resolves when the socket closes, or rejects after `ms`. */
  closedWithin(ms = WAIT_MS): Promise<Closed> {
    return Promise.race([
      this.closed,
      new Promise<Closed>((_, reject) =>
        setTimeout(() => reject(new Error(`still open after ${ms} ms`)), ms).unref(),
      ),
    ]);
  }

  close(): Promise<Closed> {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    return this.closed;
  }

  private sleepUntilMessage(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

export const TASK_CHANGED = `subscription Changes($projectId: ID) {
  taskChanged(projectId: $projectId) { kind taskId task { id title project { id } } }
}`;
