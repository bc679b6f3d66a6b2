import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { revocationCheck } from '../src/auth/revocation.store';
import { openingSql } from '../src/db/transaction-opening';
import { round, summarize } from './percentiles';
import { userId } from './seed-ids';

export interface OpeningCost {
  /** `START TRANSACTION` alone, then ROLLBACK: what any transactional request pays. */
  readonly plainMsP50: number;
  /** The server's opening: the same plus role, user, statement timeout and revocation check. */
  readonly securedMsP50: number;
  /** What the security settings and the revocation check add to that round trip. */
  readonly addedMsP50: number;
}

/**
 * The database side of auth and owner scoping, measured where the server pays it: the
 * opening round trip, against one that only begins a transaction. Interleaved one by one on
 * a quiet connection, so both see the same machine.
 */
export async function measureOpeningCost(
  databaseUrl: string,
  users: number,
  statementTimeoutMs: number,
  rounds = 400,
): Promise<OpeningCost> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const time = async (text: string) => {
    const started = performance.now();
    await client.query(text);
    const elapsed = performance.now() - started;
    await client.query('ROLLBACK');
    return elapsed;
  };
  try {
    const plain: number[] = [];
    const secured: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const user = userId(1 + (i % users));
      const now = Math.floor(Date.now() / 1000);
      const viewer = { id: user, tokenId: `bench-${i}`, issuedAt: now };
      plain.push(await time('START TRANSACTION'));
      secured.push(
        await time(
          openingSql(
            user,
            revocationCheck(viewer as Parameters<typeof revocationCheck>[0]),
            statementTimeoutMs,
          ),
        ),
      );
    }
    const [p, s] = [summarize(plain).p50, summarize(secured).p50];
    return {
      plainMsP50: round(p, 3),
      securedMsP50: round(s, 3),
      addedMsP50: round(Math.max(0, s - p), 3),
    };
  } finally {
    await client.end();
  }
}
