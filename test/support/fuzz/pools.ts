import { decodeCursor, withCursorId, withTwinId } from '../isolation/cursors';
import { dataOf } from '../isolation/graphql';
import { idsOf, type World } from '../isolation/world';
import type { Random } from './random';

/** A cursor and the ordering it belongs to (`task:TITLE:DESC`, `project:CREATED_AT:ASC`). */
export interface KnownCursor {
  readonly ordering: string;
  readonly cursor: string;
}

/** What the fuzzer draws argument values from: A's and B's records and cursors. */
export interface FuzzPools {
  readonly a: World;
  readonly b: World;
  readonly aRecordIds: readonly string[];
  readonly bRecordIds: readonly string[];
  readonly aCursors: readonly KnownCursor[];
  readonly bCursors: readonly KnownCursor[];
  /** Strings B stored (titles, names, descriptions), each holding B's canary. */
  readonly bStrings: readonly string[];
  /** Every UUID A's answers may hold: A's ids and the one inside A's user id. */
  readonly aUuids: ReadonlySet<string>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export function uuidsIn(text: string): string[] {
  return (text.match(UUID) ?? []).map((id) => id.toLowerCase());
}

/** A user's cursors: the first two of every task ordering's first page, and projects'. */
async function cursorsOf(world: World): Promise<KnownCursor[]> {
  const orders = ['CREATED_AT', 'UPDATED_AT', 'DUE_AT', 'PRIORITY', 'TITLE'].flatMap((field) =>
    ['ASC', 'DESC'].map((direction) => ({ field, direction })),
  );
  const cursors: string[] = [];
  for (const orderBy of orders) {
    const data = dataOf(
      await world.user.gql(
        `query($o: TaskOrder, $p: ID!) {
          tasks(first: 2, orderBy: $o) { edges { cursor } }
          project(id: $p) { tasks(first: 1, orderBy: $o) { edges { cursor } } }
        }`,
        { o: orderBy, p: world.projects[0]!.id },
      ),
    );
    cursors.push(...data.tasks.edges.map((e: { cursor: string }) => e.cursor));
    cursors.push(...data.project.tasks.edges.map((e: { cursor: string }) => e.cursor));
  }
  const projects = dataOf(await world.user.gql('{ projects(first: 2) { edges { cursor } } }'));
  cursors.push(...projects.projects.edges.map((e: { cursor: string }) => e.cursor));
  return cursors.map((cursor) => ({ ordering: decodeCursor(cursor)[0], cursor }));
}

export async function buildPools(a: World, b: World): Promise<FuzzPools> {
  const records = (w: World) => [...w.projects, ...w.tasks, ...w.tags].map((r) => r.id);
  return {
    a,
    b,
    aRecordIds: records(a),
    bRecordIds: records(b),
    aCursors: await cursorsOf(a),
    bCursors: await cursorsOf(b),
    bStrings: [
      b.canary,
      ...b.projects.flatMap((p) => [p.name, p.description ?? '']),
      ...b.tasks.flatMap((t) => [t.title, t.description ?? '']),
      ...b.tags.map((t) => t.name),
    ].filter((s) => s.includes(b.canary)),
    aUuids: new Set(idsOf(a).flatMap(uuidsIn)),
  };
}

/**
 * A value that names something of B's in one run of a case and, in the other, the same kind
 * of value naming nothing. The two answers must not differ.
 */
export class Slot {
  constructor(
    readonly foreign: string,
    readonly standIn: string,
  ) {}
}

/** B's id in its many spellings, each against the same spelling of a UUID naming nothing. */
export function foreignIdSlot(pools: FuzzPools, random: Random): Slot {
  const id = random.pick(pools.bRecordIds);
  const none = random.uuid();
  return random.weighted<() => Slot>([
    [6, () => new Slot(id, none)],
    [2, () => new Slot(id.toUpperCase(), none.toUpperCase())],
    [1, () => new Slot(` ${id} `, ` ${none} `)],
    [1, () => new Slot(id.replace(/-/g, ''), none.replace(/-/g, ''))],
    [1, () => new Slot(`{${id}}`, `{${none}}`)],
    [1, () => new Slot(pools.b.user.id, `user-${random.uuid()}`)],
  ])();
}

/** Mostly cursors of the ordering asked for: others are refused, which hides the rest of an answer. */
export function cursorsFor(
  list: readonly KnownCursor[],
  random: Random,
  ordering: string | undefined,
): readonly KnownCursor[] {
  const same = list.filter((c) => c.ordering === ordering);
  return same.length > 0 && random.chance(0.9) ? same : list;
}

/**
 * A cursor naming B's row: one of B's own, or one of A's edited to name B's row; against
 * the same cursor naming a missing row that sorts exactly where B's does (see neighbourOf).
 */
export function foreignCursorSlot(pools: FuzzPools, random: Random, ordering?: string): Slot {
  const cursor = random.chance(0.5)
    ? random.pick(cursorsFor(pools.bCursors, random, ordering)).cursor
    : withCursorId(
        random.pick(cursorsFor(pools.aCursors, random, ordering)).cursor,
        random.pick(pools.bRecordIds),
      );
  return new Slot(cursor, withTwinId(cursor));
}

/** B's stored text (as a search, say) against the same text with a canary nobody stored. */
export function foreignTextSlot(pools: FuzzPools, random: Random): Slot {
  const text = random.pick(pools.bStrings);
  const other = `cnry${random.hex(12)}`;
  const slot = new Slot(text, text.split(pools.b.canary).join(other));
  return random.chance(0.2)
    ? new Slot(slot.foreign.toUpperCase(), slot.standIn.toUpperCase())
    : slot;
}
