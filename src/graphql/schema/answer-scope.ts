import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentSpreadNode,
  type GraphQLResolveInfo,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What reading a mutation's answer beyond its id takes: a write-only token must not read
 * a whole record by id through `updateTask(id, input: {})`, which its queries refuse.
 */
export const ANSWER_READ_SCOPES: readonly string[] = ['tasks:read'];

export const ANSWER_RULE =
  'With a scoped token, answer fields other than id (and __typename) also need tasks:read: ' +
  'asked for without it, the mutation answers FORBIDDEN and changes nothing.';

const FREE_FIELDS = new Set(['id', '__typename']);

type Selection = FieldNode | InlineFragmentNode | FragmentSpreadNode;

function skipped(node: Selection, variables: GraphQLResolveInfo['variableValues']): boolean {
  return (
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.['if'] === true ||
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.['if'] === false
  );
}

function asksBeyondId(set: SelectionSetNode | undefined, info: GraphQLResolveInfo): boolean {
  return (set?.selections ?? []).some((node) => {
    if (skipped(node, info.variableValues)) return false;
    switch (node.kind) {
      case Kind.FIELD:
        return !FREE_FIELDS.has(node.name.value);
      case Kind.INLINE_FRAGMENT:
        return asksBeyondId(node.selectionSet, info);
      case Kind.FRAGMENT_SPREAD:
        return asksBeyondId(info.fragments[node.name.value]?.selectionSet, info);
    }
  });
}

/** The scopes this field's selection needs to read its answer: none for `{ id }` alone. */
export function answerScopes(info: GraphQLResolveInfo): readonly string[] {
  return info.fieldNodes.some((node) => asksBeyondId(node.selectionSet, info))
    ? ANSWER_READ_SCOPES
    : [];
}
