/** One answer's Server-Timing, as the server writes it (src/http/server-timing.ts). */
export interface ServerTimes {
  /** The token check: signature or cache, claims, DPoP. */
  readonly auth: number;
  /** The opening round trip: transaction, role and user, revocation check. */
  readonly open: number;
  readonly db: number;
  readonly total: number;
  /** Waiting for a pooled database connection. */
  readonly pool: number;
  /** Statements of the request (pipelined: several share a round trip). */
  readonly statements: number;
}

export function parseServerTiming(header: string | string[] | undefined): ServerTimes | undefined {
  const text = Array.isArray(header) ? header.join(',') : header;
  if (!text) return undefined;
  const found: Record<string, { dur?: number; desc?: string }> = {};
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const entry: { dur?: number; desc?: string } = {};
    for (const param of params) {
      const [key, value = ''] = param.split('=');
      if (key?.trim() === 'dur') entry.dur = Number(value);
      if (key?.trim() === 'desc') entry.desc = value.replace(/"/g, '');
    }
    if (name) found[name] = entry;
  }
  const { auth, open, db, pool, total } = found;
  if (auth?.dur === undefined || db?.dur === undefined || total?.dur === undefined)
    return undefined;
  return {
    auth: auth.dur,
    open: open?.dur ?? 0,
    db: db.dur,
    pool: pool?.dur ?? 0,
    total: total.dur,
    statements: Number(db.desc ?? NaN),
  };
}
