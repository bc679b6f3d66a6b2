import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface FieldRepeats {
  /** The response path (`me.tasks.nodes.id`) that the most field nodes merge into. */
  readonly path: string;
  /** How many field nodes of the document (fragments expanded) merge there. */
  readonly count: number;
  /** Field nodes once fragments are expanded; counting stops just past `expansionCap`. */
  readonly expanded: number;
}

interface Merged {
  count: number;
  readonly children: Map<string, Merged>;
}

const node = (): Merged => ({ count: 0, children: new Map() });

/**
 * Counts the field nodes that merge into each path of the answer, fragments expanded, the
 * way the executor will merge them. graphql-js compares every two fields that merge, to
 * prove they can, and nested repeats multiply (three `me { id id id }` are nine `me.id`), so
 * a document of a few hundred tokens can cost its validation hundreds of milliseconds. This
 * pass costs one walk of the expansion, and stops once that passes `expansionCap` fields.
 */
export function fieldRepeats(document: DocumentNode, expansionCap: number): FieldRepeats {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  let expanded = 0;
  let most = { path: '', count: 0 };
  const expanding = new Set<string>();

  // `spread` holds the fragments already merged into this selection: graphql-js merges a
  // fragment once per selection set, however often it is spread there.
  const merge = (set: SelectionSetNode, into: Merged, path: string, spread: Set<string>) => {
    for (const selection of set.selections) {
      if (expanded > expansionCap) return;
      if (selection.kind === Kind.FIELD) {
        expanded += 1;
        const key = selection.alias?.value ?? selection.name.value;
        let child = into.children.get(key);
        if (!child) into.children.set(key, (child = node()));
        child.count += 1;
        const childPath = path ? `${path}.${key}` : key;
        if (child.count > most.count) most = { path: childPath, count: child.count };
        if (selection.selectionSet) merge(selection.selectionSet, child, childPath, new Set());
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        merge(selection.selectionSet, into, path, spread);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Unknown and cyclic spreads are validation errors of their own; they add nothing.
        if (!fragment || spread.has(name) || expanding.has(name)) continue;
        spread.add(name);
        expanding.add(name);
        merge(fragment.selectionSet, into, path, spread);
        expanding.delete(name);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      merge(definition.selectionSet, node(), '', new Set());
    }
  }
  return { ...most, expanded };
}
