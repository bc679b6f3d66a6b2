import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';

export interface SlowResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface SlowRequest {
  /** Sends the rest of the body: the server may answer from then on. */
  finish(): void;
  readonly response: Promise<SlowResponse>;
}

/**
 * A POST whose body arrives in two parts: between them the request is in flight and the
 * server is waiting on it, however long the test wants.
 */
export function startSlowPost(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): SlowRequest {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let req!: ReturnType<typeof request>;
  const response = new Promise<SlowResponse>((resolve, reject) => {
    req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(bytes.length),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
  req.flushHeaders();
  req.write(bytes.subarray(0, half));
  return { finish: () => req.end(bytes.subarray(half)), response };
}

export interface HalfSentRequest {
  /** Sends the blank line that ends the headers: only then does the server route it. */
  finish(): void;
  /** Everything the server sent back, raw, once it closed the connection. */
  readonly raw: Promise<string>;
}

/** A GET whose headers are not finished yet: a connection open and busy, not idle. */
export function startHalfSentGet(url: string): Promise<HalfSentRequest> {
  const { hostname, port, pathname, host } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    const chunks: Buffer[] = [];
    const raw = new Promise<string>((done) => {
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('close', () => done(Buffer.concat(chunks).toString('utf8')));
    });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${host}\r\n`, () =>
        resolve({ finish: () => socket.write('\r\n'), raw }),
      );
    });
  });
}

/** Resolves to the error code of a connection attempt: ECONNREFUSED once nobody listens. */
export function connectionError(url: string): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

/**
 * A raw POST /graphql with the token, its headers and a part of a declared 200-byte body,
 * then nothing more: `hangUpAfterMs` closes it from the client's side, otherwise it waits
 * for the server. Resolves with everything the server sent once the connection closed.
 */
export function partialPost(url: string, token: string, hangUpAfterMs?: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname, () => {
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{"query":"{ me`,
      );
      if (hangUpAfterMs !== undefined) setTimeout(() => socket.destroy(), hangUpAfterMs);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
