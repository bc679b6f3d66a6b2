import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/** Startup-phase requests: a length, then one of these codes, and no type byte. */
const SSL_REQUEST = 80877103;
const GSS_ENCRYPTION_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const TERMINATE = 0x58; // 'X'

/** One client's bytes in, until they make whole protocol messages. */
interface Connection {
  readonly socket: Socket;
  pending: Buffer;
  /** Past the startup message: every message now starts with a type byte. */
  started: boolean;
  closed: boolean;
}

interface Batch {
  readonly connection: Connection;
  /** Undefined: the client said Terminate, so its socket ends once what it sent before has run. */
  readonly bytes: Uint8Array | undefined;
}

/**
 * PGlite's one session served on a Unix socket to the ordinary `pg` driver. What a client
 * sends at once (a pipelined request is one write) is run by PGlite as one call, and its
 * answer leaves as one write: pglite-socket runs and answers each protocol message on its
 * own, ten calls and ten writes for a one-message read.
 *
 * The session is shared, so a transaction is too: while one connection's transaction is
 * open, another's messages wait; a connection that goes away inside one has it rolled back.
 */
export class EmbeddedSocketServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private readonly queue: Batch[] = [];
  private running = false;
  /** The connection whose transaction is open in the session, if any. */
  private owner: Connection | undefined;
  /** The rollback of a transaction left open by a closed connection. */
  private settling: Promise<void> = Promise.resolve();

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
    await this.whenIdle();
    await this.settling;
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
        this.enqueue(connection, data.subarray(0, length));
      }
      data = data.subarray(length);
    }
    // Whole messages only: a type byte and a length that counts itself.
    let end = 0;
    while (data.length - end >= 5) {
      const length = data.readInt32BE(end + 1);
      // Not the protocol: nothing after it can be read as messages.
      if (length < 4) {
        connection.socket.destroy();
        return;
      }
      const next = end + 1 + length;
      if (data.length < next) break;
      if (data[end] === TERMINATE) {
        if (end > 0) this.enqueue(connection, data.subarray(0, end));
        connection.pending = Buffer.alloc(0);
        this.enqueue(connection, undefined);
        return;
      }
      end = next;
    }
    if (end > 0) this.enqueue(connection, data.subarray(0, end));
    connection.pending = Buffer.from(data.subarray(end));
  }

  private enqueue(connection: Connection, bytes: Uint8Array | undefined): void {
    // Copied: the socket's chunk may be reused once this returns.
    this.queue.push({ connection, bytes: bytes && new Uint8Array(bytes) });
    void this.run();
  }

  /** Runs queued batches one at a time; another connection's wait while a transaction is open. */
  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((b) => b.connection === this.owner) : 0;
        if (index < 0 || this.queue.length === 0) break;
        const [batch] = this.queue.splice(index, 1);
        await this.execute(batch!);
      }
    } finally {
      this.running = false;
    }
  }

  private async execute({ connection, bytes }: Batch): Promise<void> {
    const { socket } = connection;
    if (!bytes) {
      socket.end();
      return;
    }
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
      this.owner = this.db.isInTransaction() ? connection : undefined;
    }
  }

  private closed(connection: Connection): void {
    connection.closed = true;
    this.connections.delete(connection);
    for (let i = this.queue.length - 1; i >= 0; i -= 1) {
      if (this.queue[i]!.connection === connection) this.queue.splice(i, 1);
    }
    if (this.owner !== connection) return;
    // Left inside a transaction: nothing of it may reach the next connection.
    this.settling = this.settling
      .then(() => this.whenIdle())
      .then(async () => {
        if (this.owner !== connection) return;
        try {
          if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
        } finally {
          this.owner = undefined;
        }
      })
      .catch(() => undefined)
      .finally(() => void this.run());
  }

  private async whenIdle(): Promise<void> {
    while (this.running) await new Promise((resolve) => setImmediate(resolve));
  }
}
