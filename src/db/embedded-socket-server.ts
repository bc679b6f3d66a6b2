import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/** Startup-phase requests: a length, then one of these codes, and no type byte. */
const SSL_REQUEST = 80877103;
const GSS_ENCRYPTION_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'
const PARSE = 0x50; // 'P'
const CLOSE = 0x43; // 'C'
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
/**
 * Ends an extended-protocol sequence a connection left unfinished, undone as the server
 * would undo it when its client goes: a Bind of a statement no session holds fails, so
 * the Sync after it rolls the implicit transaction back instead of committing it.
 */
const ABORT_SEQUENCE = Buffer.concat([
  message(0x42, Buffer.from('\0task_api_no_such_statement\0\0\0\0\0\0\0', 'latin1')), // Bind
  message(SYNC, Buffer.alloc(0)),
]);

/** One client's bytes in, until they make whole protocol messages. */
interface Connection {
  readonly socket: Socket;
  pending: Buffer;
  /** Past the startup message: every message now starts with a type byte. */
  started: boolean;
  closed: boolean;
  /** Its named prepared statements: the session's, so dropped when the connection goes. */
  readonly statements: Set<string>;
}

type Batch =
  | {
      readonly kind: 'messages';
      readonly connection: Connection;
      readonly bytes: Uint8Array;
      /** Ends amid an extended-protocol sequence (no Sync yet): the session stays its own. */
      readonly unfinished: boolean;
    }
  /** The client said Terminate: its socket ends once what it sent before has run. */
  | { readonly kind: 'end'; readonly connection: Connection }
  /** The connection went away: what it left in the session is undone. */
  | { readonly kind: 'cleanup'; readonly connection: Connection };

/**
 * PGlite's one session served on a Unix socket to the ordinary `pg` driver. What a client
 * sends at once (a pipelined request is one write) is run by PGlite as one call, and its
 * answer leaves as one write: pglite-socket runs and answers each protocol message on its
 * own, ten calls and ten writes for a one-message read.
 *
 * The session is shared, so each connection must find it as a session of its own would be:
 * while one connection's transaction is open, or its extended-protocol sequence has not
 * reached its Sync, another's messages wait; a connection that goes away has its unfinished
 * sequence ended, its transaction rolled back and its prepared statements deallocated
 * (names are per connection, prepared-statements.ts). Nothing else the application sets
 * outlives a transaction (`set_config(…, true)`, SET LOCAL); LISTEN is meant for the session.
 */
export class EmbeddedSocketServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private readonly queue: Batch[] = [];
  /** The loop running queued batches, while there are any it may run. */
  private running: Promise<void> | undefined;
  /** The connection whose transaction (or unfinished sequence) is open in the session. */
  private owner: Connection | undefined;

  constructor(
    private readonly db: PGlite,
    /** More than the pool holds: one it just closed may still be closing here. */
    private readonly maxConnections: number,
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  async start(path: string): Promise<void> {
    await this.db.waitReady;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(path, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    // The closed connections' cleanups are queued: they run before PGlite closes.
    await this.running;
  }

  private accept(socket: Socket): void {
    if (this.connections.size >= this.maxConnections) {
      socket.destroy();
      return;
    }
    const connection: Connection = {
      socket,
      pending: Buffer.alloc(0),
      started: false,
      closed: false,
      statements: new Set(),
    };
    this.connections.add(connection);
    socket.on('data', (chunk: Buffer) => this.received(connection, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.closed(connection));
  }

  private received(connection: Connection, chunk: Buffer): void {
    if (connection.closed) return;
    let data = connection.pending.length ? Buffer.concat([connection.pending, chunk]) : chunk;
    if (!connection.started) {
      if (data.length < 8) {
        connection.pending = data;
        return;
      }
      const length = data.readInt32BE(0);
      if (length < 8) {
        connection.socket.destroy();
        return;
      }
      if (data.length < length) {
        connection.pending = data;
        return;
      }
      const code = data.readInt32BE(4);
      if (code === SSL_REQUEST || code === GSS_ENCRYPTION_REQUEST) {
        // Refused: the socket is private to this process, and pg then goes on in the clear.
        connection.socket.write('N');
        // The startup message may follow in the same chunk.
        connection.pending = Buffer.alloc(0);
        const rest = data.subarray(length);
        if (rest.length > 0) this.received(connection, Buffer.from(rest));
        return;
      } else if (code === CANCEL_REQUEST) {
        connection.socket.destroy();
        return;
      } else {
        connection.started = true;
        this.enqueue(connection, data.subarray(0, length), false);
      }
      data = data.subarray(length);
    }
    // Whole messages only: a type byte and a length that counts itself.
    let end = 0;
    let unfinished = false;
    while (data.length - end >= 5) {
      const type = data[end]!;
      const length = data.readInt32BE(end + 1);
      // Not the protocol: nothing after it can be read as messages.
      if (length < 4) {
        connection.socket.destroy();
        return;
      }
      const next = end + 1 + length;
      if (data.length < next) break;
      if (type === TERMINATE) {
        if (end > 0) this.enqueue(connection, data.subarray(0, end), unfinished);
        connection.pending = Buffer.alloc(0);
        this.queue.push({ kind: 'end', connection });
        this.run();
        return;
      }
      this.noteStatement(connection, type, data.subarray(end + 5, next));
      unfinished = type !== SYNC && type !== QUERY;
      end = next;
    }
    if (end > 0) this.enqueue(connection, data.subarray(0, end), unfinished);
    connection.pending = Buffer.from(data.subarray(end));
  }

  /** Parse names a statement (its body starts with the name); Close 'S' drops one. */
  private noteStatement(connection: Connection, type: number, body: Buffer): void {
    if (type === PARSE) {
      const name = body.toString('utf8', 0, body.indexOf(0));
      if (name) connection.statements.add(name);
    } else if (type === CLOSE && body[0] === SYNC) {
      connection.statements.delete(body.toString('utf8', 1, body.indexOf(0, 1)));
    }
  }

  private enqueue(connection: Connection, bytes: Uint8Array, unfinished: boolean): void {
    // Copied: the socket's chunk may be reused once this returns.
    this.queue.push({ kind: 'messages', connection, bytes: new Uint8Array(bytes), unfinished });
    this.run();
  }

  /** Runs queued batches one at a time; another connection's wait while the session is owned. */
  private run(): void {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  private async drain(): Promise<void> {
    for (;;) {
      const index = this.owner ? this.queue.findIndex((b) => b.connection === this.owner) : 0;
      if (index < 0 || this.queue.length === 0) return;
      const [batch] = this.queue.splice(index, 1);
      if (batch!.kind === 'messages') await this.execute(batch!);
      else if (batch!.kind === 'end') batch!.connection.socket.end();
      else await this.cleanUp(batch!.connection);
    }
  }

  private async execute({ connection, bytes, unfinished }: Batch & { kind: 'messages' }) {
    const { socket } = connection;
    socket.cork();
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(bytes, {
          onRawData: (chunk) => {
            if (!connection.closed) socket.write(Buffer.from(chunk));
          },
        }),
      );
    } catch {
      // PGlite itself failed, not a statement (those are answered on the wire).
      socket.destroy();
    } finally {
      socket.uncork();
      this.owner = unfinished || this.db.isInTransaction() ? connection : undefined;
    }
  }

  private closed(connection: Connection): void {
    connection.closed = true;
    this.connections.delete(connection);
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      if (this.queue[i]!.connection === connection) this.queue.splice(i, 1);
    }
    if (this.owner !== connection && connection.statements.size === 0) return;
    this.queue.push({ kind: 'cleanup', connection });
    this.run();
  }

  /** Nothing a closed connection left in the session may reach the next one. */
  private async cleanUp(connection: Connection): Promise<void> {
    try {
      await this.db.runExclusive(async () => {
        if (this.owner === connection) {
          await this.discarding(ABORT_SEQUENCE);
          if (this.db.isInTransaction()) await this.discarding(simpleQuery('ROLLBACK'));
        }
        // One message each: a name the session no longer holds fails alone.
        const names = [...connection.statements].map((name) =>
          simpleQuery(`DEALLOCATE "${name.replace(/"/g, '""')}"`),
        );
        if (names.length > 0) await this.discarding(Buffer.concat(names));
      });
    } catch {
      // PGlite itself failed: the next batch meets the same failure and closes its socket.
    } finally {
      if (this.owner === connection) this.owner = undefined;
    }
  }

  /**
   * Runs messages whose answers nobody reads. Streamed too: PGlite keeps the last stream's
   * receiver, so execProtocolRaw would hand these answers to the last connection served.
   */
  private discarding(messages: Uint8Array): Promise<void> {
    return this.db.execProtocolRawStream(messages, { onRawData: () => undefined });
  }
}

/** A frontend message: its type, a length counting itself, its body. */
function message(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function simpleQuery(sql: string): Buffer {
  return message(QUERY, Buffer.from(`${sql}\0`));
}
