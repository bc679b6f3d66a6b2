import type { ConnectionSource } from '../../pagination/page';
import type { PageInfo } from './page-info.type';

/** The parts every connection type answers, loaded from its source only when asked for. */
export async function edgesOf<T>(
  source: ConnectionSource<T>,
): Promise<{ cursor: string; node: T }[]> {
  const page = await source.page();
  return page.nodes.map((node, i) => ({ node, cursor: page.cursors[i]! }));
}

export async function nodesOf<T>(source: ConnectionSource<T>): Promise<T[]> {
  return (await source.page()).nodes;
}

export async function pageInfoOf<T>(source: ConnectionSource<T>): Promise<PageInfo> {
  const page = await source.page();
  return { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null };
}
