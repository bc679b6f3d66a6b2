import { types } from 'pg';
import { fastTimestampParser } from '../../../src/db/timestamp-parser';

// node-postgres' own timestamptz parser (postgres-date), the one the fast path must equal.
const original = types.getTypeParser(1184, 'text') as (value: string) => unknown;
const fast = fastTimestampParser(original);

/** A comparable form of either parser's answer: a Date's time (NaN too), or the value itself. */
const valueOf = (parsed: unknown) => (parsed instanceof Date ? ['date', parsed.getTime()] : parsed);

function randomTimestamp(random: () => number): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const year = 1000 + Math.floor(random() * 9000);
  const fraction = Math.floor(random() * 7);
  const digits = Array.from({ length: fraction }, () => Math.floor(random() * 10)).join('');
  return (
    `${year}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))} ` +
    `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}` +
    `${fraction === 0 ? '' : `.${digits}`}+00`
  );
}

/** A small deterministic generator, so a failure names a reproducible input. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

describe('fastTimestampParser', () => {
  it('should give the same instant as node-postgres for 20,000 UTC timestamps', () => {
    const random = seeded(13);
    const differing: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const text = randomTimestamp(random);
      const [a, b] = [valueOf(fast(text)), valueOf(original(text))];
      if (JSON.stringify(a) !== JSON.stringify(b)) differing.push(text);
    }
    expect(differing).toEqual([]);
  });

  it('should give the same answer as node-postgres for the forms it leaves to it', () => {
    const texts = [
      '2026-12-02 01:02:03.5+05:30',
      '2026-12-02 01:02:03-08',
      '0050-01-01 00:00:00+00',
      '0999-12-31 23:59:59.999999+00',
      '0001-01-01 00:00:00+00 BC',
      '2026-12-02 01:02:03+00 BC',
      'infinity',
      '-infinity',
      '2026-12-02 01:02:03',
      '2026-12-02',
      '12026-01-01 00:00:00+00',
      'not a date',
    ];
    for (const text of texts) {
      expect([text, valueOf(fast(text))]).toEqual([text, valueOf(original(text))]);
    }
  });

  it('should parse the fast form without calling the fallback, and the rest only through it', () => {
    const fallback = jest.fn(original);
    const parser = fastTimestampParser(fallback);
    expect((parser('2026-12-02 01:02:03.302+00') as Date).toISOString()).toBe(
      '2026-12-02T01:02:03.302Z',
    );
    expect(fallback).not.toHaveBeenCalled();
    parser('2026-12-02 01:02:03+01');
    expect(fallback).toHaveBeenCalledWith('2026-12-02 01:02:03+01');
  });
});
