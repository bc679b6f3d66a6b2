import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

export type AnyField = GraphQLField<unknown, unknown>;

/** The committed SDL (a test keeps it equal to the running schema). */
export function loadSchema(): GraphQLSchema {
  return buildSchema(readFileSync(resolve(__dirname, '../../../schema.graphql'), 'utf8'));
}

export function fieldsOf(type: GraphQLObjectType): AnyField[] {
  return Object.values(type.getFields());
}

/** Fields answered with a scalar or an enum: selected wherever their type is. */
export function leafFields(type: GraphQLObjectType): AnyField[] {
  return fieldsOf(type).filter((field) => isLeafType(getNamedType(field.type)));
}

/** Fields that lead on to another object: the steps of a path. */
export function objectFields(type: GraphQLObjectType): AnyField[] {
  return fieldsOf(type).filter((field) => !isLeafType(getNamedType(field.type)));
}

/** The object types a field's value may be: itself, or every member of an interface/union. */
export function objectTypesOf(schema: GraphQLSchema, type: GraphQLNamedType): GraphQLObjectType[] {
  if (isObjectType(type)) return [type];
  if (isAbstractType(type)) return [...schema.getPossibleTypes(type)];
  return [];
}
