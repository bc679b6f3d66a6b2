import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { fieldScopes } from '../schema/auth.directive';
import type {
  ConnectionEntry,
  EdgeEntry,
  Keyed,
  PageInfoField,
  ProjectField,
  RootEntry,
  TagField,
  TaskEntry,
  TaskScalar,
} from './read-selection';

/** A query the compiled read path answers: its root fields and the scopes they demand. */
export interface ReadPlan {
  readonly operation: OperationDefinitionNode;
  readonly roots: readonly RootEntry<FieldNode>[];
  readonly scopes: readonly string[];
}

/** The selection lies outside what the compiled path answers: the document runs as ever. */
class Unsupported extends Error {}

const TASK_SCALARS = new Set<string>([
  'id',
  'title',
  'description',
  'completed',
  'priority',
  'dueAt',
  'createdAt',
  'updatedAt',
  '__typename',
]);
const PROJECT_FIELDS = new Set<string>([
  'id',
  'name',
  'description',
  'createdAt',
  'updatedAt',
  '__typename',
]);
const TAG_FIELDS = new Set<string>(['id', 'name', '__typename']);
const PAGE_INFO_FIELDS = new Set<string>([
  'hasNextPage',
  'hasPreviousPage',
  'startCursor',
  'endCursor',
  '__typename',
]);

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly scopes: Set<string>;
}

/**
 * Fields by response key, in first-seen order, as graphql-js collects them (fragments and
 * inline fragments whose condition the type meets are merged in). Any directive, even a
 * harmless @include(if: true), leaves the document to graphql-js.
 */
function collect(
  walk: Walk,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  into = new Map<string, FieldNode[]>(),
  seen = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const selection of set.selections) {
    if (selection.directives?.length) throw new Unsupported();
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const list = into.get(key);
      if (list) list.push(selection);
      else into.set(key, [selection]);
      continue;
    }
    let condition: string | undefined;
    let inner: SelectionSetNode;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      condition = selection.typeCondition?.name.value;
      inner = selection.selectionSet;
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      if (!fragment || fragment.directives?.length) throw new Unsupported();
      // graphql-js spreads a fragment once per selection set.
      if (seen.has(name)) continue;
      seen.add(name);
      condition = fragment.typeCondition.name.value;
      inner = fragment.selectionSet;
    }
    if (condition !== undefined && condition !== type.name) {
      const conditionType = walk.schema.getType(condition);
      // A fragment on an interface the type implements applies; one on another type never does.
      if (!isInterfaceType(conditionType)) continue;
      if (!walk.schema.isSubType(conditionType, type)) continue;
    }
    collect(walk, type, inner, into, seen);
  }
  return into;
}

/** The merged sub-selection of one response key's field nodes. */
function merged(nodes: readonly FieldNode[]): SelectionSetNode {
  const selections = nodes.flatMap((node) => node.selectionSet?.selections ?? []);
  return { kind: Kind.SELECTION_SET, selections };
}

function objectType(walk: Walk, name: string): GraphQLObjectType {
  const type = walk.schema.getType(name);
  if (!isObjectType(type)) throw new Unsupported();
  return type;
}

/** Each key of an object of `typeName`, checked against the fields the path knows. */
function entries<T>(
  walk: Walk,
  typeName: string,
  set: SelectionSetNode,
  build: (key: string, name: string, nodes: FieldNode[]) => T,
): T[] {
  const type = objectType(walk, typeName);
  const out: T[] = [];
  for (const [key, nodes] of collect(walk, type, set)) {
    const name = nodes[0]!.name.value;
    if (name !== '__typename') {
      const field = type.getFields()[name];
      if (!field) throw new Unsupported();
      // Only the root fields take arguments here.
      if (typeName !== 'Query' && nodes.some((node) => node.arguments?.length)) {
        throw new Unsupported();
      }
      const scopes = fieldScopes(walk.schema, type, field);
      if (scopes === null && typeName === 'Query') throw new Unsupported();
      for (const scope of scopes ?? []) walk.scopes.add(scope);
    }
    out.push(build(key, name, nodes));
  }
  return out;
}

function leaf<F extends string>(known: Set<string>, key: string, name: string): Keyed<F> {
  if (!known.has(name)) throw new Unsupported();
  return { key, field: name as F };
}

function taskEntries(walk: Walk, set: SelectionSetNode): TaskEntry[] {
  return entries(walk, 'Task', set, (key, name, nodes): TaskEntry => {
    if (name === 'project') {
      const project = entries(walk, 'Project', merged(nodes), (k, n) =>
        leaf<ProjectField>(PROJECT_FIELDS, k, n),
      );
      return { key, field: 'project', project };
    }
    if (name === 'tags') {
      const tags = entries(walk, 'Tag', merged(nodes), (k, n) => leaf<TagField>(TAG_FIELDS, k, n));
      return { key, field: 'tags', tags };
    }
    return leaf<TaskScalar>(TASK_SCALARS, key, name);
  });
}

function edgeEntries(walk: Walk, set: SelectionSetNode): EdgeEntry[] {
  return entries(walk, 'TaskEdge', set, (key, name, nodes): EdgeEntry => {
    if (name === 'node') return { key, field: 'node', node: taskEntries(walk, merged(nodes)) };
    if (name === 'cursor' || name === '__typename') return { key, field: name };
    throw new Unsupported();
  });
}

function connectionEntries(walk: Walk, set: SelectionSetNode): ConnectionEntry[] {
  return entries(walk, 'TaskConnection', set, (key, name, nodes): ConnectionEntry => {
    switch (name) {
      case 'totalCount':
      case '__typename':
        return { key, field: name };
      case 'nodes':
        return { key, field: 'nodes', nodes: taskEntries(walk, merged(nodes)) };
      case 'edges':
        return { key, field: 'edges', edges: edgeEntries(walk, merged(nodes)) };
      case 'pageInfo': {
        const pageInfo = entries(walk, 'PageInfo', merged(nodes), (k, n) =>
          leaf<PageInfoField>(PAGE_INFO_FIELDS, k, n),
        );
        return { key, field: 'pageInfo', pageInfo };
      }
      default:
        throw new Unsupported();
    }
  });
}

/**
 * The plan of a validated query, or undefined when any part of it lies outside the compiled
 * subset: Query.task and Query.tasks, each task's scalars, project and tags, the connection's
 * nodes, edges, pageInfo and totalCount.
 */
export function compileReadPlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ReadPlan | undefined {
  if (operation.operation !== 'query' || operation.directives?.length) return undefined;
  const query = schema.getQueryType();
  if (!query || query.name !== 'Query') return undefined;
  if (operation.variableDefinitions?.some((v) => v.directives?.length)) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const walk: Walk = { schema, fragments, scopes: new Set() };
  try {
    const roots = entries(
      walk,
      'Query',
      operation.selectionSet,
      (key, name, nodes): RootEntry<FieldNode> => {
        if (name === '__typename') return { key, field: '__typename' };
        // Two nodes for one key may differ in nothing but their sub-selections (validation).
        const node = nodes[0]!;
        const returned = getNamedType(query.getFields()[name]!.type).name;
        if (name === 'task' && returned === 'Task') {
          return { key, field: 'task', node, task: taskEntries(walk, merged(nodes)) };
        }
        if (name === 'tasks' && returned === 'TaskConnection') {
          return { key, field: 'tasks', node, connection: connectionEntries(walk, merged(nodes)) };
        }
        throw new Unsupported();
      },
    );
    return { operation, roots, scopes: [...walk.scopes] };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
