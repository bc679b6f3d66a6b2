import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import {
  cursorsFor,
  foreignCursorSlot,
  foreignIdSlot,
  foreignTextSlot,
  Slot,
  type FuzzPools,
} from './pools';
import type { Random } from './random';

/** A variable's value with Slots in it, filled one way or the other when sent. */
export type Template = unknown;

export type Purpose = 'query' | 'mutation';

/** An argument as written: an inline literal (page sizes, so the cost limit sees them) or a variable. */
export type ArgValue =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly type: string; readonly value: Template };

/** Malformed ids: each must be answered like a missing one, or refused as bad input. */
function malformedIds(pools: FuzzPools): string[] {
  return [
    '',
    ' ',
    'x',
    '0',
    '-1',
    'null',
    "' OR '1'='1",
    '00000000-0000-0000-0000-000000000000',
    'z'.repeat(300),
    '%',
    '_',
    '../..',
    '\u0000',
    '🙂',
    `${pools.aRecordIds[0]}x`,
    pools.a.user.id,
  ];
}

const SPECIAL_TEXT = ['%', '_', '\\', '%%', '_%_', '\\%', "'", '"', '', ' ', 'a', 'CASE', '\u0000'];
const DATES = [
  '2028-01-01T00:00:00.000Z',
  '2029-06-01T12:00:00.000Z',
  '2030-01-01T00:00:00.000Z',
  '2031-03-03T03:03:03.000Z',
  '1970-01-01T00:00:00.000Z',
  '2100-12-31T23:59:59.999Z',
];

/**
 * Values for any argument or input type, built from the types alone. In queries, ids, cursors
 * and texts are often B's (as Slots); in mutations ids are, texts never (a mutation that
 * wrongly succeeded would otherwise store B's canary under A, muddying the verdict).
 */
export class ValueMaker {
  /** Slots made since the last reset, in order. */
  readonly slots: Slot[] = [];

  constructor(
    private readonly pools: FuzzPools,
    private readonly random: Random,
    private readonly purpose: Purpose,
  ) {}

  private slot(slot: Slot): Slot {
    this.slots.push(slot);
    return slot;
  }

  /** Arguments for a field; omitted optional ones are left out. `after` comes last, fitted to the ordering. */
  args(args: readonly GraphQLArgument[], listOf?: string): Map<string, ArgValue> {
    const out = new Map<string, ArgValue>();
    const ordered = [...args].sort(
      (x, y) => Number(x.name === 'after') - Number(y.name === 'after'),
    );
    for (const arg of ordered) {
      if (!isNonNullType(arg.type) && this.random.chance(0.35)) continue;
      const named = getNamedType(arg.type);
      const scalarLike = isEnumType(named) || ['Int', 'Boolean', 'Float'].includes(named.name);
      if (scalarLike && !isListType(arg.type) && this.random.chance(0.85)) {
        out.set(arg.name, { kind: 'literal', text: this.literal(arg) });
        continue;
      }
      const ordering = listOf ? orderingOf(listOf, out.get('orderBy')) : undefined;
      const value = this.value(arg.type, arg.name, ordering);
      out.set(arg.name, { kind: 'variable', type: String(arg.type), value });
    }
    return out;
  }

  private literal(arg: GraphQLArgument): string {
    const named = getNamedType(arg.type);
    if (isEnumType(named)) return this.random.pick(named.getValues()).name;
    if (named.name === 'Boolean') return String(this.random.chance(0.5));
    if (named.name === 'Float') return String(this.random.int(-2, 5) / 2);
    return String(this.int(arg.name));
  }

  private int(name: string): number {
    // Page sizes: mostly valid, sometimes at or past the bounds, for both directions.
    if (name === 'first' || name === 'last') {
      return this.random.weighted([
        [30, () => this.random.int(1, 3)],
        [1, () => this.random.pick([0, -1, 101, 100])],
      ])();
    }
    return this.random.int(-2, 5);
  }

  value(type: GraphQLInputType, name: string, ordering?: string): Template {
    if (isNonNullType(type)) return this.present(type.ofType, name, ordering);
    if (this.random.chance(0.05)) return null;
    return this.present(type, name, ordering);
  }

  private present(type: GraphQLInputType, name: string, ordering?: string): Template {
    if (isNonNullType(type)) return this.present(type.ofType, name, ordering);
    if (isListType(type)) {
      const length = this.random.weighted([
        [1, 0],
        [4, 1],
        [3, 2],
        [2, 3],
      ]);
      return Array.from({ length }, () => this.value(type.ofType, name));
    }
    if (isInputObjectType(type)) return this.inputObject(Object.values(type.getFields()));
    if (isEnumType(type)) return this.random.pick(type.getValues()).name;
    if (isScalarType(type)) return this.scalar(type.name, name, ordering);
    throw new Error(`no values for input type ${String(type)}`);
  }

  private inputObject(fields: readonly GraphQLInputField[]): Record<string, Template> {
    const out: Record<string, Template> = {};
    for (const field of fields) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      if (!required && this.random.chance(0.45)) continue;
      out[field.name] = this.value(field.type, field.name);
    }
    return out;
  }

  private scalar(scalar: string, name: string, ordering?: string): Template {
    const { random } = this;
    switch (scalar) {
      case 'ID':
        return this.id();
      case 'Int':
        return this.int(name);
      case 'Float':
        return random.int(-2, 5) / 2;
      case 'Boolean':
        return random.chance(0.5);
      case 'String':
        return name === 'after' ? this.cursor(ordering) : this.text();
      default:
        // DateTime and any scalar added later: a date where the name says so, else text.
        return /date|time|at$/i.test(`${scalar} ${name}`) ? random.pick(DATES) : this.text();
    }
  }

  id(): Template {
    const { random, pools } = this;
    return random.weighted<() => Template>([
      [4, () => this.slot(foreignIdSlot(pools, random))],
      [3, () => random.pick(pools.aRecordIds)],
      [1, () => random.uuid()],
      [1, () => random.pick(malformedIds(pools))],
    ])();
  }

  private cursor(ordering?: string): Template {
    const { random, pools } = this;
    return random.weighted<() => Template>([
      [8, () => this.slot(foreignCursorSlot(pools, random, ordering))],
      [4, () => random.pick(cursorsFor(pools.aCursors, random, ordering)).cursor],
      [
        1,
        () => random.pick(['', 'abc', '!!!', 'W10', Buffer.from('[1,2,3]').toString('base64url')]),
      ],
    ])();
  }

  private text(): Template {
    const { random, pools } = this;
    const own = () =>
      random.pick([
        pools.a.canary,
        ...pools.a.tasks.map((t) => t.title.slice(pools.a.canary.length)),
        `fuzz ${random.hex(6)}`,
        'x'.repeat(random.pick([1, 50, 51, 100, 101, 200, 201, 2001])),
      ]);
    if (this.purpose === 'mutation') {
      return random.weighted<() => Template>([
        [3, own],
        [1, () => random.pick(SPECIAL_TEXT)],
      ])();
    }
    return random.weighted<() => Template>([
      [3, () => this.slot(foreignTextSlot(pools, random))],
      [2, () => random.pick(SPECIAL_TEXT)],
      [2, own],
    ])();
  }
}

/**
 * The ordering key a list's cursors carry (`task:TITLE:DESC`), so B's cursors are mostly
 * tried on the list and ordering they belong to (elsewhere they are just bad input).
 */
function orderingOf(listOf: string, orderBy: ArgValue | undefined): string {
  const order =
    orderBy?.kind === 'variable' && orderBy.value && typeof orderBy.value === 'object'
      ? (orderBy.value as { field?: unknown; direction?: unknown })
      : {};
  const field = typeof order.field === 'string' ? order.field : 'CREATED_AT';
  const direction = typeof order.direction === 'string' ? order.direction : 'ASC';
  return `${listOf.toLowerCase()}:${field}:${direction}`;
}

/** Fills a template one way: every Slot becomes its foreign or its stand-in value. */
export function fill(template: Template, side: 'foreign' | 'standIn'): unknown {
  if (template instanceof Slot) return template[side];
  if (Array.isArray(template)) return template.map((item) => fill(item, side));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, side)]));
  }
  return template;
}
