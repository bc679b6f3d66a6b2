import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 100 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('Request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/** The client closed the connection before its body arrived: nobody is left to answer. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before sending its whole body');
    this.name = 'ClientGoneError';
  }
}

/** Reads the body, giving up as soon as it passes the limit rather than buffering it all. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new BodyTooLargeError();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError || !req.destroyed) throw error;
    throw new ClientGoneError();
  }
  return Buffer.concat(chunks).toString('utf8');
}
