export interface TimingEntry {
  readonly dur: number;
  readonly desc?: string;
}

/** `auth;dur=0.12, db;dur=1.5;desc="4"` → { auth: { dur: 0.12 }, db: { dur: 1.5, desc: '4' } }. */
export function parseServerTiming(header: string | null): Record<string, TimingEntry> {
  const entries: Record<string, TimingEntry> = {};
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const fields = Object.fromEntries(
      params.map((param) => {
        const [key, value = ''] = param.split('=');
        return [key!.trim(), value.trim().replace(/^"|"$/g, '')];
      }),
    );
    entries[name] = {
      dur: Number(fields.dur),
      ...(fields.desc !== undefined ? { desc: fields.desc } : {}),
    };
  }
  return entries;
}
