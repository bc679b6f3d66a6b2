/** One page of a connection, in order, with a cursor per node. */
export interface Page<T> {
  readonly nodes: T[];
  readonly cursors: string[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

/** What a connection type resolves its fields from; each part is loaded only if asked for. */
export interface ConnectionSource<T> {
  page(): Promise<Page<T>>;
  totalCount(): Promise<number>;
}

/** Runs a load at most once, and only when first asked for. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}

/** A parent without rows: no nodes, nothing before or after. */
export function emptyPage<T>(): Page<T> {
  return { nodes: [], cursors: [], hasNextPage: false, hasPreviousPage: false };
}

/**
 * Rows read with one to spare (limit + 1). A backward page (`fromEnd`, Relay's `last`) was
 * read in reverse and is turned back, so nodes come in the list's order either way. As in
 * graphql-relay, the far side is only known in the reading direction: a forward page says
 * false for hasPreviousPage, a backward one false for hasNextPage.
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => string,
  fromEnd = false,
): Page<T> {
  const more = rows.length > limit;
  const nodes = rows.slice(0, limit);
  if (fromEnd) nodes.reverse();
  let cursors: string[] | undefined;
  return {
    nodes,
    get cursors() {
      return (cursors ??= nodes.map(cursorOf));
    },
    hasNextPage: more && !fromEnd,
    hasPreviousPage: more && fromEnd,
  };
}
