import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { Client } from 'pg';
import {
  EMBEDDED_MAX_CONNECTIONS,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../../src/db/embedded-postgres';

/** The socket's path, from the URL's host parameter (a directory). */
function socketPath(url: string): string {
  return join(new URL(url).searchParams.get('host')!, '.s.PGSQL.5432');
}

/** A frontend message: type byte, length (counting itself), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const simpleQuery = (sql: string) => message('Q', Buffer.from(`${sql}\0`));
/** The unnamed statement and portal: Parse, Bind and Execute, without the Sync that ends them. */
const parseBindExecute = (sql: string) =>
  Buffer.concat([
    message('P', Buffer.from(`\0${sql}\0\0\0`)),
    message('B', Buffer.from('\0\0\0\0\0\0\0\0')),
    message('E', Buffer.from('\0\0\0\0\0')),
  ]);
const sync = () => message('S', Buffer.alloc(0));
const terminate = () => message('X', Buffer.alloc(0));

function startup(): Buffer {
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const out = Buffer.alloc(8 + params.length);
  out.writeInt32BE(out.length, 0);
  out.writeInt32BE(196608, 4);
  params.copy(out, 8);
  return out;
}

/** The backend's message types, in order, until the socket closes or `until` is seen `times`. */
function readTypes(socket: Socket, until?: string, times = 1): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0);
    const types: string[] = [];
    let seen = 0;
    const done = () => {
      socket.off('data', onData);
      resolve(types);
    };
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 5 && buffer.length >= 1 + buffer.readInt32BE(1)) {
        const type = String.fromCharCode(buffer[0]!);
        types.push(type);
        buffer = buffer.subarray(1 + buffer.readInt32BE(1));
        if (type === until && (seen += 1) === times) return done();
      }
    };
    socket.on('data', onData);
    socket.once('close', done);
    socket.once('error', reject);
  });
}

function openSocket(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Startup's ReadyForQuery, then `SELECT 1`'s row description, row, completion and ready. */
const STARTED_AND_ANSWERED = ['Z', 'T', 'D', 'C', 'Z'];

/** A raw socket to the server for `work`, destroyed after it whatever happened. */
async function withSocket(path: string, work: (socket: Socket) => Promise<void>): Promise<void> {
  const socket = await openSocket(path);
  try {
    await work(socket);
  } finally {
    socket.destroy();
  }
}

describe('the embedded database’s socket', () => {
  let embedded: EmbeddedPostgres;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres(undefined, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await embedded?.stop();
  });

  const client = async () => {
    const c = new Client({ connectionString: embedded.url });
    await c.connect();
    return c;
  };

  it('should accept a connection while the one before it is still closing', async () => {
    // What the pool does when its idle timeout fires just as a request arrives: the old
    // client's end() is under way, and the new one connects at once.
    const failures: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const c = new Client({ connectionString: embedded.url });
      try {
        await c.connect();
        await c.query('SELECT 1');
      } catch (error) {
        failures.push((error as Error).message);
      }
      void c.end().catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });

  it('should answer statements sent together in one write, in order', async () => {
    const c = await client();
    try {
      (c as unknown as { pipeline: boolean }).pipeline = true;
      const answers = await Promise.all(
        [1, 2, 3].map((n) => c.query<{ n: number }>('SELECT $1::int AS n', [n])),
      );
      expect(answers.map((a) => a.rows[0]!.n)).toEqual([1, 2, 3]);
    } finally {
      await c.end();
    }
  });

  it('should answer what arrived in one write with one write', async () => {
    // Run as one call, not one per message: a pipelined request costs one wake-up each way.
    const socket = await openSocket(socketPath(embedded.url));
    try {
      const ready = readTypes(socket, 'Z');
      socket.write(startup());
      await ready;
      let chunks = 0;
      socket.on('data', () => (chunks += 1));
      const types = readTypes(socket, 'Z', 3);
      socket.write(Buffer.concat([1, 2, 3].map((n) => simpleQuery(`SELECT ${n}`))));
      expect((await types).filter((t) => t === 'D')).toHaveLength(3);
      expect(chunks).toBe(1);
    } finally {
      socket.destroy();
    }
  });

  it('should answer messages that arrive a few bytes at a time', async () => {
    const socket = await openSocket(socketPath(embedded.url));
    try {
      const bytes = Buffer.concat([startup(), simpleQuery('SELECT 1')]);
      const types = readTypes(socket, 'Z', 2);
      for (let i = 0; i < bytes.length; i += 3) {
        socket.write(bytes.subarray(i, i + 3));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect((await types).slice(-5)).toEqual(STARTED_AND_ANSWERED);
    } finally {
      socket.destroy();
    }
  });

  it('should run what came before a Terminate in the same write, then end the connection', async () => {
    const socket = await openSocket(socketPath(embedded.url));
    const types = readTypes(socket);
    socket.write(Buffer.concat([startup(), simpleQuery('SELECT 1'), terminate()]));
    expect((await types).slice(-5)).toEqual(STARTED_AND_ANSWERED);
    expect(socket.readableEnded || socket.destroyed).toBe(true);
  });

  it('should refuse TLS, so the client goes on in the clear', () =>
    withSocket(socketPath(embedded.url), async (socket) => {
      const request = Buffer.alloc(8);
      request.writeInt32BE(8, 0);
      request.writeInt32BE(80877103, 4);
      const answer = new Promise<string>((resolve) =>
        socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))),
      );
      socket.write(request);
      expect(await answer).toBe('N');
      const types = readTypes(socket, 'Z', 2);
      socket.write(Buffer.concat([startup(), simpleQuery('SELECT 1')]));
      expect((await types).slice(-5)).toEqual(STARTED_AND_ANSWERED);
    }));

  it('should close a connection that sends what is not the protocol', async () => {
    const socket = await openSocket(socketPath(embedded.url));
    const types = readTypes(socket);
    const bad = Buffer.alloc(5);
    bad.write('Q', 0, 'latin1');
    bad.writeInt32BE(-1, 1);
    socket.write(Buffer.concat([startup(), bad]));
    await types;
    expect(socket.destroyed || socket.readableEnded).toBe(true);
  });

  it('should roll back a transaction whose connection went away', async () => {
    const setup = await client();
    await setup.query('CREATE TABLE IF NOT EXISTS left_open (n int)');
    await setup.end();
    const leaving = await client();
    leaving.on('error', () => undefined);
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO left_open VALUES (1)');
    (leaving as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await client();
    try {
      const { rows } = await next.query<{ count: string }>('SELECT count(*) FROM left_open');
      expect(rows[0]!.count).toBe('0');
      const inTransaction = await next.query<{ n: string | null }>(
        'SELECT txid_current_if_assigned()::text AS n',
      );
      expect(inTransaction.rows[0]!.n).toBeNull();
    } finally {
      await next.end();
    }
  });

  it('should hold another connection’s statements until an open transaction ends', async () => {
    const setup = await client();
    await setup.query('CREATE TABLE IF NOT EXISTS held (n int)');
    await setup.end();
    const first = await client();
    const second = await client();
    try {
      await first.query('BEGIN');
      await first.query('INSERT INTO held VALUES (1)');
      const order: string[] = [];
      // Inside the first's transaction it would see the uncommitted row, or commit it.
      const read = second
        .query<{ count: string }>('SELECT count(*) FROM held')
        .then((r) => (order.push('read'), r.rows[0]!.count));
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('rollback');
      await first.query('ROLLBACK');
      expect(await read).toBe('0');
      expect(order).toEqual(['rollback', 'read']);
    } finally {
      await first.end();
      await second.end();
    }
  });

  it('should keep another connection’s statements out of a sequence until its Sync', async () => {
    await withSocket(socketPath(embedded.url), async (first) => {
      await withSocket(socketPath(embedded.url), async (second) => {
        for (const socket of [first, second]) {
          const ready = readTypes(socket, 'Z');
          socket.write(startup());
          await ready;
        }
        const order: string[] = [];
        const firstDone = readTypes(first, 'Z').then(() => order.push('first'));
        first.write(parseBindExecute('SELECT 1'));
        await new Promise((resolve) => setTimeout(resolve, 20));
        // Run inside the first's implicit transaction, its answer would come first.
        const secondDone = readTypes(second, 'Z').then(() => order.push('second'));
        second.write(simpleQuery('SELECT 2'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(order).toEqual([]);
        first.write(sync());
        await Promise.all([firstDone, secondDone]);
        expect(order).toEqual(['first', 'second']);
      });
    });
  });

  it('should roll back a sequence whose connection went away before its Sync', async () => {
    const setup = await client();
    await setup.query('CREATE TABLE IF NOT EXISTS unsynced (n int)');
    await setup.end();
    await withSocket(socketPath(embedded.url), async (leaving) => {
      const ready = readTypes(leaving, 'Z');
      leaving.write(startup());
      await ready;
      const executed = readTypes(leaving, 'C');
      leaving.write(parseBindExecute('INSERT INTO unsynced VALUES (1)'));
      await executed;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = await client();
    try {
      // A Sync in its place would have committed the row.
      const { rows } = await next.query<{ count: string }>('SELECT count(*) FROM unsynced');
      expect(rows[0]!.count).toBe('0');
    } finally {
      await next.end();
    }
  });

  it('should drop the prepared statements of a connection that went away', async () => {
    const preparedNames = async (c: Client) =>
      (await c.query<{ name: string }>('SELECT name FROM pg_prepared_statements')).rows.map(
        (r) => r.name,
      );
    const leaving = await client();
    const staying = await client();
    try {
      await leaving.query({ name: 'leaving_1', text: 'SELECT $1::int', values: [1] });
      await staying.query({ name: 'staying_1', text: 'SELECT $1::int', values: [1] });
      expect(await preparedNames(staying)).toEqual(
        expect.arrayContaining(['leaving_1', 'staying_1']),
      );
      await leaving.end();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const names = await preparedNames(staying);
      expect(names).toContain('staying_1');
      expect(names).not.toContain('leaving_1');
      // The one that stayed still runs its own by name.
      const { rows } = await staying.query({
        name: 'staying_1',
        text: 'SELECT $1::int',
        values: [2],
      });
      expect(rows).toEqual([{ int4: 2 }]);
    } finally {
      await staying.end();
    }
  });

  it('should refuse a connection beyond its limit', async () => {
    const held = await Promise.all(
      Array.from({ length: EMBEDDED_MAX_CONNECTIONS }, () => client()),
    );
    try {
      const extra = new Client({ connectionString: embedded.url });
      await expect(extra.connect()).rejects.toThrow();
      await extra.end().catch(() => undefined);
    } finally {
      await Promise.all(held.map((c) => c.end()));
    }
  });
});
