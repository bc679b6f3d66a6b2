import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { LimitExceededError } from '../errors/errors';

export interface CostLimitOptions {
  readonly maxCost: number;
  /** The largest page `first` may ask for: a `first` from a variable is billed at this. */
  readonly maxPageSize: number;
  /** Items assumed in a list without `first` (a task holds at most 20 tags). */
  readonly listSize: number;
  /** Leave real `__schema` / `__type` fields uncounted (only where introspection is on). */
  readonly ignoreIntrospection?: boolean;
}

const PAGE_ARGUMENTS = ['first', 'last'] as const;

/** A page size past the largest is refused by the resolver, so it never fetches more. */
function clamp(value: number, max: number): number {
  return Number.isInteger(value) ? Math.min(Math.max(value, 0), max) : max;
}

/**
 * The most fields an operation's answer can hold: each field counts 1, times the items of
 * every list above it. A connection's `first` (its default when absent, the largest page when
 * it comes from a variable, since variables are not known at validation) sizes its list.
 */
export class OperationCost {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentCosts = new Map<string, number>();
  private readonly counting = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode,
    private readonly options: CostLimitOptions,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition);
      }
    }
  }

  of(operation: OperationDefinitionNode): number {
    const root = this.schema.getRootType(operation.operation) ?? undefined;
    return this.selections(operation.selectionSet, root, undefined);
  }

  private selections(
    set: SelectionSetNode,
    type: GraphQLNamedType | undefined,
    page: number | undefined,
  ): number {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        cost += this.field(selection, type, page);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : type;
        cost += this.selections(selection.selectionSet, on ?? undefined, page);
      } else {
        cost += this.spread(selection.name.value, page);
      }
    }
    return cost;
  }

  /** Memoised per fragment and page: spreads that fan out cost exponentially, counting must not. */
  private spread(name: string, page: number | undefined): number {
    const key = `${name}/${page ?? ''}`;
    const known = this.fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    // A cycle is NoFragmentCyclesRule's to report; following it here would never end.
    if (!fragment || this.counting.has(name)) return 0;
    this.counting.add(name);
    const on = this.schema.getType(fragment.typeCondition.name.value) ?? undefined;
    const cost = this.selections(fragment.selectionSet, on, page);
    this.counting.delete(name);
    this.fragmentCosts.set(key, cost);
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLNamedType | undefined, page: number | undefined) {
    const definition = this.definition(parent, node.name.value);
    // Unknown fields are the spec rules' to report; introspection may be exempt where it is on.
    if (!definition) return 1;
    const introspection = definition === SchemaMetaFieldDef || definition === TypeMetaFieldDef;
    if (introspection && this.options.ignoreIntrospection) return 0;
    const own = this.first(node, definition);
    const isList = isListType(getNullableType(definition.type));
    // A connection's `first` sizes the list inside it (nodes, edges), not its totalCount.
    const items = isList ? (own ?? page ?? this.options.listSize) : 1;
    const inner = node.selectionSet
      ? this.selections(node.selectionSet, getNamedType(definition.type), isList ? undefined : own)
      : 0;
    return items * (1 + inner);
  }

  private definition(
    parent: GraphQLNamedType | undefined,
    name: string,
  ): GraphQLField<unknown, unknown> | undefined {
    if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
    if (parent && parent === this.schema.getQueryType()) {
      if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
      if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
    }
    return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  }

  /**
   * A connection's page size: `first`, or `last` (Relay's backward page) where given; the
   * larger if both are (the resolver refuses that, but billing never trusts it to).
   */
  private first(node: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined {
    const declared = definition.args.find((arg) => arg.name === 'first');
    if (!declared) return undefined;
    const max = this.options.maxPageSize;
    const sizes = PAGE_ARGUMENTS.flatMap((name) => {
      const given = node.arguments?.find((arg) => arg.name.value === name);
      if (!given) return [];
      return [given.value.kind === Kind.INT ? clamp(Number(given.value.value), max) : max];
    });
    if (sizes.length > 0) return Math.max(...sizes);
    return typeof declared.defaultValue === 'number' ? clamp(declared.defaultValue, max) : max;
  }
}

function shown(cost: number): string {
  return cost < 1e9 ? String(cost) : 'over 1000000000';
}

/** Refuses an operation whose answer could be larger than `maxCost` fields. */
export function costLimitRule(options: CostLimitOptions): ValidationRule {
  return (context) => {
    const counter = new OperationCost(context.getSchema(), context.getDocument(), options);
    return {
      OperationDefinition(operation) {
        const cost = counter.of(operation);
        if (cost > options.maxCost) {
          context.reportError(
            new LimitExceededError(
              'cost',
              `Query cost ${shown(cost)} exceeds the limit of ${options.maxCost}.`,
            ),
          );
        }
      },
    };
  };
}
