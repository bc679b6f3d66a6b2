import { getNamedType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { objectFields, objectTypesOf, type AnyField } from './schema';

/** One hop: a field of `parent`, whose value is (or, for an abstract type, may be) `type`. */
export interface Step {
  readonly parent: GraphQLObjectType;
  readonly field: AnyField;
  /** The object type the next step starts from; undefined for a leaf-typed field. */
  readonly type: GraphQLObjectType | undefined;
}

export type FieldPath = readonly Step[];

export function describePath(path: FieldPath): string {
  return path.map((step) => `${step.parent.name}.${step.field.name}`).join(' > ');
}

/**
 * Every maximal path of at most `maxDepth` fields from `root`: each root field, then every
 * field leading to an object, until the depth or a type without such fields. Leaves are
 * selected at every level, so covering the maximal paths covers every shorter one too.
 * Nothing is named here: a field added to the schema is in the next run's paths.
 */
export function maximalPaths(
  schema: GraphQLSchema,
  root: GraphQLObjectType,
  maxDepth: number,
  rootFields: readonly AnyField[] = Object.values(root.getFields()),
): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (prefix: Step[]) => {
    const last = prefix.at(-1)!;
    const next = last.type ? objectFields(last.type) : [];
    if (prefix.length >= maxDepth || next.length === 0) {
      out.push(prefix);
      return;
    }
    for (const field of next) {
      for (const type of objectTypesOf(schema, getNamedType(field.type))) {
        walk([...prefix, { parent: last.type!, field, type }]);
      }
    }
  };
  for (const field of rootFields) {
    const types = objectTypesOf(schema, getNamedType(field.type));
    if (types.length === 0) out.push([{ parent: root, field, type: undefined }]);
    for (const type of types) walk([{ parent: root, field, type }]);
  }
  return out;
}
