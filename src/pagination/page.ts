/** One page of a connection, in order, with a cursor per node. */
export interface Page<T> {
  readonly nodes: T[];
  readonly cursors: string[];
  readonly hasNextPage: boolean;
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

/** Cursors are encoded when first read: most answers ask for nodes only. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  const nodes = rows.slice(0, limit);
  let cursors: string[] | undefined;
  return {
    nodes,
    get cursors() {
      return (cursors ??= nodes.map(cursorOf));
    },
    hasNextPage: rows.length > limit,
  };
}
