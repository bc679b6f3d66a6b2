import type { DataSource } from 'typeorm';

/** Every row of every application table, as JSON text, read as the tables' owner. */
export async function allRows(dataSource: DataSource): Promise<Map<string, string[]>> {
  const tables = await dataSource.query<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
     ORDER BY table_name`,
  );
  const rows = new Map<string, string[]>();
  for (const { name } of tables) {
    const found = await dataSource.query<{ row: string }[]>(
      `SELECT row_to_json(t)::text AS row FROM "${name}" t ORDER BY 1`,
    );
    rows.set(
      name,
      found.map((r) => r.row),
    );
  }
  return rows;
}

/** The rows, per table, that mention any of the needles (a user's id, email, name). */
export async function rowsMentioning(
  dataSource: DataSource,
  needles: readonly string[],
): Promise<Record<string, string[]>> {
  const mentioning: Record<string, string[]> = {};
  for (const [table, rows] of await allRows(dataSource)) {
    const hits = rows.filter((row) => needles.some((needle) => row.includes(needle)));
    if (hits.length > 0) mentioning[table] = hits;
  }
  return mentioning;
}
