import { readdir, readFile } from 'node:fs/promises';
import { Client } from 'pg';

/** Linux reports process CPU time in clock ticks; 100 a second on every common kernel. */
const TICKS_PER_SECOND = 100;

/** utime + stime of one process, in ms; 0 once it is gone. */
export async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return 0;
  // Fields after "(comm)": state is the 1st, utime the 12th and stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) found.push(Number(entry), ...(await childrenOf(Number(entry))));
  }
  return found;
}

/** CPU ms per process id, for a set of processes. */
export async function cpuOf(pids: readonly number[]): Promise<Map<number, number>> {
  return new Map(
    await Promise.all(pids.map(async (pid) => [pid, await processCpuMs(pid)] as const)),
  );
}

/** CPU used between two readings; processes that appeared in between count whole. */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/**
 * The PostgreSQL backends serving one database, when PostgreSQL runs on this machine (their
 * CPU is read from /proc). Other databases' backends (tests running alongside) are left out.
 */
export async function backendPids(url: string): Promise<number[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
    );
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}
