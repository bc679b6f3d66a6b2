import {
  getNamedType,
  isLeafType,
  isObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { fieldsOf } from './task-selection';

/**
 * Whether a mutation field may end its operation's transaction in its write's own message
 * (RequestTransaction.atomic's `last`): it is the operation's only root field (`__typename`
 * aside), and its answer comes whole from the write's statements: leaf fields, and the
 * `relations` its read back brings along, with leaf fields only. A second mutation, a nested
 * connection or an owner needs statements after the write, so it keeps its own COMMIT.
 * Directives are not evaluated: a skipped field only makes this answer false.
 */
export function endsOperation(
  info: GraphQLResolveInfo,
  relations: readonly string[] = [],
): boolean {
  if (info.operation.operation !== 'mutation') return false;
  let alone = true;
  fieldsOf(info.operation.selectionSet, info, (name, _set, field) => {
    const key = field.alias?.value ?? name;
    if (name !== '__typename' && key !== info.path.key) alone = false;
  });
  return (
    alone &&
    answered(
      info.fieldNodes.map((node) => node.selectionSet),
      info.returnType,
      relations,
      info,
    )
  );
}

function answered(
  sets: readonly (SelectionSetNode | undefined)[],
  type: GraphQLOutputType,
  relations: readonly string[],
  info: GraphQLResolveInfo,
): boolean {
  const named = getNamedType(type);
  if (isLeafType(named)) return true;
  if (!isObjectType(named)) return false;
  const fields = named.getFields();
  let whole = true;
  for (const set of sets) {
    fieldsOf(set, info, (name, subset) => {
      if (name === '__typename' || !whole) return;
      const field = fields[name];
      if (!field) whole = false;
      else if (isLeafType(getNamedType(field.type))) return;
      else if (!relations.includes(name) || !answered([subset], field.type, [], info))
        whole = false;
    });
  }
  return whole;
}
