import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { TaskPrefetch } from '../ownership/task-prefetch';

/** The relations of a task read along with it, in its own statement. */
export const TASK_RELATIONS: readonly string[] = ['project', 'tags'];

/** Field names selected in a selection set, fragments (inline and named) followed. */
export function fieldsOf(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  visit: (name: string, set: SelectionSetNode | undefined, field: FieldNode) => void,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) {
      visit(selection.name.value, selection.selectionSet, selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT)
      fieldsOf(selection.selectionSet, info, visit);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, visit);
  }
}

/** The relations a task's selection set asks for. */
function relationsIn(
  sets: (SelectionSetNode | undefined)[],
  info: GraphQLResolveInfo,
): TaskPrefetch {
  const wanted = new Set<string>();
  for (const set of sets) {
    fieldsOf(set, info, (name) => {
      if (TASK_RELATIONS.includes(name)) wanted.add(name);
    });
  }
  return { project: wanted.has('project'), tags: wanted.has('tags') };
}

/**
 * What a task connection's answer asks of each task (under `nodes` or `edges { node }`):
 * its project and tags are then read with the page. @skip/@include are not evaluated, so
 * at worst a relation is read and not answered.
 */
export function taskPrefetchOf(info: GraphQLResolveInfo): TaskPrefetch {
  const taskSets: (SelectionSetNode | undefined)[] = [];
  for (const node of info.fieldNodes) {
    fieldsOf(node.selectionSet, info, (name, set) => {
      if (name === 'nodes') taskSets.push(set);
      if (name === 'edges') {
        fieldsOf(set, info, (edgeField, nodeSet) => {
          if (edgeField === 'node') taskSets.push(nodeSet);
        });
      }
    });
  }
  return relationsIn(taskSets, info);
}

/** The same for a field answering one task, such as `task(id)`. */
export function taskRelationsOf(info: GraphQLResolveInfo): TaskPrefetch {
  return relationsIn(
    info.fieldNodes.map((node) => node.selectionSet),
    info,
  );
}
