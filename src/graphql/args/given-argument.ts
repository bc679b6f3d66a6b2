import { Kind, type GraphQLResolveInfo } from 'graphql';

/**
 * Whether the request itself set a field argument: written in the document, or as a
 * variable the request supplied. graphql-js fills in schema defaults, so the resolver's
 * arguments alone cannot tell `first` omitted from `first: 20`.
 */
export function argumentGiven(info: GraphQLResolveInfo, name: string): boolean {
  const node = info.fieldNodes[0]?.arguments?.find((arg) => arg.name.value === name);
  if (!node) return false;
  if (node.value.kind !== Kind.VARIABLE) return true;
  return Object.prototype.hasOwnProperty.call(info.variableValues, node.value.name.value);
}
