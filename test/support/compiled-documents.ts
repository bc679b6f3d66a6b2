import type { World } from './isolation/world';

/** A small deterministic generator (mulberry32), so a failing seed can be replayed. */
export class Rng {
  constructor(private state: number) {}

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  some<T>(items: readonly T[], min = 1): T[] {
    const chosen = items.filter(() => this.chance(0.5));
    while (chosen.length < min) chosen.push(this.pick(items));
    return this.shuffle(chosen);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/** A document, its variables, and the same document with @include(if: true) on each root field. */
export interface GeneratedRead {
  readonly query: string;
  /** Means the same by the spec, but any directive sends it through graphql-js. */
  readonly reference: string;
  readonly variables: Record<string, unknown>;
}

const TASK_SCALARS = [
  'id',
  'title',
  'description',
  'completed',
  'priority',
  'dueAt',
  'createdAt',
  'updatedAt',
  '__typename',
];
const PROJECT_FIELDS = ['id', 'name', 'description', 'createdAt', 'updatedAt', '__typename'];
const TAG_FIELDS = ['id', 'name', '__typename'];
const PAGE_INFO = ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor', '__typename'];
const ORDER_FIELDS = ['CREATED_AT', 'UPDATED_AT', 'DUE_AT', 'PRIORITY', 'TITLE'];
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'];

class Builder {
  readonly fragments: string[] = [];
  readonly variableDefs: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private names = 0;
  private aliases = 0;

  constructor(
    readonly rng: Rng,
    readonly worlds: readonly World[],
    readonly cursors: readonly string[],
  ) {}

  alias(name: string): string {
    // Unique per document: one alias on two different fields would not validate.
    if (!this.rng.chance(0.25)) return name;
    this.aliases += 1;
    return `a${this.aliases}: ${name}`;
  }

  /** A value inline, or as a variable of `type`. */
  value(type: string, value: unknown, literal: string): string {
    if (!this.rng.chance(0.4)) return literal;
    this.names += 1;
    const name = `v${this.names}`;
    this.variableDefs.push(`$${name}: ${type}`);
    this.variables[name] = value;
    return `$${name}`;
  }

  /** Fields, sometimes in an inline fragment or a named one on `type` (or on Node). */
  wrap(type: string, fields: string[]): string {
    const out: string[] = [];
    for (const field of fields) {
      const roll = this.rng.int(10);
      if (roll === 0) out.push(`... on ${type} { ${field} }`);
      else if (roll === 1) out.push(`... { ${field} }`);
      else if (roll === 2) {
        const name = `F${this.fragments.length}`;
        this.fragments.push(`fragment ${name} on ${type} { ${field} }`);
        out.push(`...${name}`);
      } else out.push(field);
    }
    if (type !== 'TaskConnection' && type !== 'PageInfo' && this.rng.chance(0.1)) {
      if (['Task', 'Project', 'Tag'].includes(type)) out.push('... on Node { id }');
    }
    return out.join(' ');
  }

  leaves(type: string, fields: readonly string[]): string {
    return this.wrap(
      type,
      this.rng.some(fields).map((f) => this.alias(f)),
    );
  }

  task(): string {
    const fields = this.rng.some(TASK_SCALARS).map((f) => this.alias(f));
    if (this.rng.chance(0.6))
      fields.push(`${this.alias('project')} { ${this.leaves('Project', PROJECT_FIELDS)} }`);
    if (this.rng.chance(0.6))
      fields.push(`${this.alias('tags')} { ${this.leaves('Tag', TAG_FIELDS)} }`);
    // The same key twice: graphql-js merges the two selections.
    if (this.rng.chance(0.15)) fields.push(`title tags { name }`);
    return this.wrap('Task', this.rng.shuffle(fields));
  }

  connection(): string {
    const parts: string[] = [];
    const kinds = this.rng.some(['totalCount', 'nodes', 'edges', 'pageInfo', '__typename']);
    for (const kind of kinds) {
      if (kind === 'nodes') parts.push(`${this.alias('nodes')} { ${this.task()} }`);
      else if (kind === 'edges') {
        const edge = this.rng
          .some(['cursor', 'node', '__typename'])
          .map((f) => (f === 'node' ? `${this.alias('node')} { ${this.task()} }` : this.alias(f)));
        parts.push(`${this.alias('edges')} { ${this.wrap('TaskEdge', edge)} }`);
      } else if (kind === 'pageInfo') {
        parts.push(`${this.alias('pageInfo')} { ${this.leaves('PageInfo', PAGE_INFO)} }`);
      } else parts.push(this.alias(kind));
    }
    return this.wrap('TaskConnection', parts);
  }

  id(ids: readonly string[]): string {
    return this.rng.pick(ids);
  }

  tasksArgs(): string {
    const args: string[] = [];
    const world = this.rng.pick(this.worlds);
    if (this.rng.chance(0.8)) {
      const first = 1 + this.rng.int(this.rng.chance(0.8) ? 8 : 100);
      args.push(`first: ${this.value('Int', first, String(first))}`);
    }
    const orderBy = this.rng.chance(0.7);
    if (orderBy) {
      const field = this.rng.pick(ORDER_FIELDS);
      const direction = this.rng.chance(0.3) ? undefined : this.rng.pick(['ASC', 'DESC']);
      const literal = `{ field: ${field}${direction ? `, direction: ${direction}` : ''} }`;
      args.push(
        `orderBy: ${this.value('TaskOrder', { field, ...(direction ? { direction } : {}) }, literal)}`,
      );
    }
    if (!orderBy && this.cursors.length > 0 && this.rng.chance(0.3)) {
      const cursor = this.rng.pick(this.cursors);
      args.push(`after: ${this.value('String', cursor, JSON.stringify(cursor))}`);
    }
    if (this.rng.chance(0.6)) {
      const filter: Record<string, unknown> = {};
      const literal: string[] = [];
      const put = (name: string, value: unknown, text: string) => {
        filter[name] = value;
        literal.push(`${name}: ${text}`);
      };
      if (this.rng.chance(0.4)) {
        const v = this.rng.chance(0.5);
        put('completed', v, String(v));
      }
      if (this.rng.chance(0.4)) {
        const v = this.id(world.projects.map((p) => p.id));
        put('projectId', v, JSON.stringify(v));
      }
      if (this.rng.chance(0.3)) {
        const v = this.id(world.tags.map((t) => t.id));
        put('tagId', v, JSON.stringify(v));
      }
      if (this.rng.chance(0.3)) {
        const v = this.rng.pick(PRIORITIES);
        put('priority', v, v);
      }
      if (this.rng.chance(0.3)) {
        const v = this.rng.pick(['%', '_', '\\', 'plain', world.canary, 'é']);
        put('search', v, JSON.stringify(v));
      }
      if (this.rng.chance(0.2)) {
        const v = this.rng.pick(['2029-01-01T00:00:00.000Z', '2100-01-01T00:00:00Z']);
        put(this.rng.chance(0.5) ? 'dueBefore' : 'dueAfter', v, JSON.stringify(v));
      }
      args.push(`filter: ${this.value('TaskFilter', filter, `{ ${literal.join(', ')} }`)}`);
    }
    return args.length > 0 ? `(${this.rng.shuffle(args).join(', ')})` : '';
  }

  root(): { text: string; directive: string } {
    const roll = this.rng.int(10);
    if (roll === 0) return { text: this.alias('__typename'), directive: '' };
    if (roll < 4) {
      const world = this.rng.pick(this.worlds);
      const id = this.id(world.tasks.map((t) => t.id));
      const head = `task(id: ${this.value('ID!', id, JSON.stringify(id))})`;
      return { text: `${head} @@ { ${this.task()} }`, directive: '' };
    }
    return { text: `tasks${this.tasksArgs()} @@ { ${this.connection()} }`, directive: '' };
  }
}

/**
 * A query in the compiled subset: one to three root fields over both users' ids, random
 * aliases, order, fragments, variables and arguments (valid ones: errors fall back anyway).
 */
export function generateRead(
  rng: Rng,
  worlds: readonly World[],
  cursors: readonly string[],
): GeneratedRead {
  const b = new Builder(rng, worlds, cursors);
  const roots = Array.from({ length: 1 + rng.int(3) }, () => b.root().text);
  if (roots.every((root) => !root.includes('@@')))
    roots.push(
      b.root().text.replace(/^.*$/s, (r) => (r.includes('@@') ? r : `tasks @@ { totalCount }`)),
    );
  // Distinct keys at the root: two `tasks` with different arguments would not validate.
  const keyed = roots.map((root, i) => (/^(task|tasks)\b/.test(root) ? `r${i}: ${root}` : root));
  const name = rng.chance(0.5) ? `query Q${rng.int(100)}` : 'query';
  const vars = b.variableDefs.length > 0 ? `(${b.variableDefs.join(', ')})` : '';
  const body = (directive: string) =>
    `${name}${vars} { ${keyed.map((r) => r.replace('@@', directive)).join(' ')} } ${b.fragments.join(' ')}`;
  return { query: body(''), reference: body('@include(if: true)'), variables: b.variables };
}
