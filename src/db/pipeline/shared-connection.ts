/**
 * Lone reads on the wire and not yet answered, per connection given back early. Past the
 * cap a request keeps its connection until its answer, as every other request does, so the
 * pool spreads the load over more backends instead of queueing it all behind one.
 */
const unanswered = new WeakMap<object, number>();

/** How many lone reads may wait on one connection for their answers. */
export const MAX_UNANSWERED = 8;

export function mayShare(client: object): boolean {
  return (unanswered.get(client) ?? 0) < MAX_UNANSWERED;
}

/** A lone read left on `client`, which goes back to the pool before `answered` settles. */
export function shared(client: object, answered: Promise<unknown>): void {
  unanswered.set(client, (unanswered.get(client) ?? 0) + 1);
  const done = () => {
    const left = (unanswered.get(client) ?? 1) - 1;
    if (left > 0) unanswered.set(client, left);
    else unanswered.delete(client);
  };
  answered.then(done, done);
}

/** Unanswered lone reads on `client` (for tests). */
export function unansweredOn(client: object): number {
  return unanswered.get(client) ?? 0;
}
