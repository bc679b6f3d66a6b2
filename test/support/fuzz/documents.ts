import { getNamedType, isAbstractType, isObjectType, type GraphQLObjectType } from 'graphql';
import type { FieldPath, Step } from './paths';
import type { Random } from './random';
import { leafFields, type AnyField } from './schema';
import type { Slot } from './pools';
import { fill, type ArgValue, type Template, type ValueMaker } from './values';

/** One request of a case: its text, its variables (with Slots), and what it walks. */
export interface FuzzDocument {
  readonly text: string;
  readonly variables: Record<string, Template>;
  readonly slots: readonly Slot[];
  readonly paths: readonly FieldPath[];
  /** Per root field, how many Slots its own arguments hold (not its selection's). */
  readonly rootArgumentSlots: readonly number[];
}

/** The variables as sent in the foreign run and in the stand-in run. */
export function variablesFor(doc: FuzzDocument, side: 'foreign' | 'standIn') {
  return fill(doc.variables, side) as Record<string, unknown>;
}

/** The node type a connection lists (its `nodes`), if the field's type is one. */
function listedType(field: AnyField): string | undefined {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return undefined;
  const nodes = type.getFields()['nodes'];
  return nodes ? getNamedType(nodes.type).name : undefined;
}

/**
 * Renders paths into one operation. Every level selects all its leaves; some fields get
 * aliases, some levels move into inline or named fragments; arguments come from `values`.
 */
export class DocumentBuilder {
  private readonly variables: Record<string, Template> = {};
  private readonly definitions: string[] = [];
  private readonly fragments: string[] = [];
  private readonly rootArgumentSlots: number[] = [];
  private counter = 0;

  constructor(
    private readonly random: Random,
    private readonly values: ValueMaker,
  ) {}

  build(operation: 'query' | 'mutation', paths: readonly FieldPath[]): FuzzDocument {
    const roots = paths.map((path) => this.field(path[0]!, path.slice(1), true));
    const defs = this.definitions.length > 0 ? `(${this.definitions.join(', ')})` : '';
    const text = [`${operation} Fuzz${defs} {\n  ${roots.join('\n  ')}\n}`, ...this.fragments].join(
      '\n',
    );
    return {
      text,
      variables: this.variables,
      slots: [...this.values.slots],
      paths,
      rootArgumentSlots: this.rootArgumentSlots,
    };
  }

  private next(prefix: string): string {
    return `${prefix}${this.counter++}`;
  }

  private argsText(field: AnyField): string {
    if (field.args.length === 0) return '';
    const args = this.values.args(field.args, listedType(field));
    if (args.size === 0) return '';
    const parts = [...args].map(([name, value]) => `${name}: ${this.argText(value)}`);
    return `(${parts.join(', ')})`;
  }

  private argText(value: ArgValue): string {
    if (value.kind === 'literal') return value.text;
    const name = this.next('v');
    this.definitions.push(`$${name}: ${value.type}`);
    this.variables[name] = value.value;
    return `$${name}`;
  }

  private field(step: Step, rest: readonly Step[], root = false): string {
    const alias = root || this.random.chance(0.4) ? `${this.next('f')}: ` : '';
    const before = this.values.slots.length;
    const head = `${alias}${step.field.name}${this.argsText(step.field)}`;
    if (root) this.rootArgumentSlots.push(this.values.slots.length - before);
    if (!step.type) return head;
    const abstract = isAbstractType(getNamedType(step.field.type));
    return `${head} { ${this.body(step.type, rest, abstract)} }`;
  }

  private body(type: GraphQLObjectType, rest: readonly Step[], abstract: boolean): string {
    const parts = leafFields(type).map((leaf) => {
      const alias = this.random.chance(0.2) ? `${this.next('l')}: ` : '';
      return `${alias}${leaf.name}${this.argsText(leaf)}`;
    });
    if (this.random.chance(0.2)) parts.push('__typename');
    if (rest.length > 0) parts.push(this.field(rest[0]!, rest.slice(1)));
    const inner = parts.join(' ');
    // A member of an interface or union can only be selected through a fragment on it.
    const style = abstract
      ? 'inline'
      : this.random.weighted([
          [3, 'plain'],
          [1, 'inline'],
          [1, 'named'],
        ] as const);
    if (style === 'plain') return inner;
    if (style === 'inline') return `__typename ... on ${type.name} { ${inner} }`;
    const name = this.next('F');
    this.fragments.push(`fragment ${name} on ${type.name} { ${inner} }`);
    return `...${name}`;
  }
}
