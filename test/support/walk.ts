export interface Connection {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const CONNECTION_FIELDS =
  'totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor }';

/**
 * Follows endCursor until hasNextPage is false, checking every page on the way, and answers
 * the ids in the order served. Fails on a skipped or repeated row.
 */
export async function walk(
  fetchPage: (after: string | null) => Promise<Connection>,
  pageSize: number,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  let total: number | undefined;
  // Bounded, so a cursor that never advances fails the test instead of hanging it.
  for (let pages = 0; pages < 200; pages++) {
    const page: Connection = await fetchPage(after);
    total ??= page.totalCount;
    expect(page.totalCount).toBe(total);
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    expect(page.edges).toHaveLength(pageSize);
    after = page.pageInfo.endCursor;
  }
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toHaveLength(total!);
  return ids;
}
