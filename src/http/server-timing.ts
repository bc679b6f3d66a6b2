import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Milliseconds with two decimals: finer would only add noise (and timing detail) to the header. */
const ms = (value: number) => value.toFixed(2);

/**
 * Where one request's server time went, answered as a `Server-Timing` header so a client
 * (or the bench) sees the split without server access:
 * - auth: the token check (signature or the cache of verified tokens, claims, DPoP proof);
 * - open: the transaction's opening: START TRANSACTION, the role and user settings that
 *   owner scoping and row-level security rely on, and the revocation check, pipelined with
 *   the request's first statements (src/db/pipeline), so revocation costs no round trip;
 * - db: the time at least one statement was in flight, the opening and COMMIT included
 *   (desc: how many statements; pipelined, several share one round trip), so open is part
 *   of db;
 * - pool: waiting for a pooled connection (a sign DB_POOL_MAX is too small for the load);
 * - total: from the request's arrival until its answer's head is written.
 */
export class ServerTiming {
  private readonly startedAt = performance.now();
  private authMs = 0;
  private openMs = 0;
  private dbMs = 0;
  private poolMs = 0;
  private statements = 0;

  addAuth(elapsedMs: number): void {
    this.authMs += elapsedMs;
  }

  addOpen(elapsedMs: number): void {
    this.openMs += elapsedMs;
  }

  addDb(elapsedMs: number): void {
    this.dbMs += elapsedMs;
    this.statements += 1;
  }

  addPoolWait(elapsedMs: number): void {
    this.poolMs += elapsedMs;
  }

  header(): string {
    const total = performance.now() - this.startedAt;
    return (
      `auth;dur=${ms(this.authMs)}, open;dur=${ms(this.openMs)}, db;dur=${ms(this.dbMs)};desc="${this.statements}", ` +
      `pool;dur=${ms(this.poolMs)}, total;dur=${ms(total)}`
    );
  }
}

/**
 * Adds the header to whatever head this response writes: the answer, an error, a 413 or a
 * 500, and paths added later too. Node writes implicit heads through writeHead as well.
 */
export function reportServerTiming(res: ServerResponse, timing: ServerTiming): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) this.setHeader('server-timing', timing.header());
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
}
