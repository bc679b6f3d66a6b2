import DataLoader from 'dataloader';

/**
 * A DataLoader whose primed values can also be read synchronously (`peek`). A page's tasks
 * bring their projects and tags along (task-prefetch.ts); answering Task.project and
 * Task.tags from them without a promise spares graphql-js a promise, a callback and a
 * microtask per field, and the Task objects above them stay synchronous too.
 *
 * `peek` answers exactly what `load` would answer at that moment or nothing: a value is
 * held only while the loader holds the same one (DataLoader ignores a prime of a key it
 * already has, and so does this), and every clear drops it from both.
 */
export class PrimedLoader<V> {
  private readonly loader: DataLoader<string, V>;
  private readonly primed = new Map<string, V>();
  /** Keys the loader has a promise for that did not come from prime. */
  private readonly requested = new Set<string>();

  constructor(batch: DataLoader.BatchLoadFn<string, V>) {
    this.loader = new DataLoader(batch);
  }

  load(key: string): Promise<V> {
    if (!this.primed.has(key)) this.requested.add(key);
    return this.loader.load(key);
  }

  prime(key: string, value: V): void {
    if (this.primed.has(key) || this.requested.has(key)) return;
    this.primed.set(key, value);
    this.loader.prime(key, value);
  }

  /** The primed value of `key`, or undefined when only `load` can tell. */
  peek(key: string): V | undefined {
    return this.primed.get(key);
  }

  clear(key: string): void {
    this.primed.delete(key);
    this.requested.delete(key);
    this.loader.clear(key);
  }

  clearAll(): void {
    this.primed.clear();
    this.requested.clear();
    this.loader.clearAll();
  }
}
