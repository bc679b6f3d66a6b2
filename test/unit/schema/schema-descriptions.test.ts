import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../../../src/graphql/schema/build-schema';

/** Every element of the schema a client can see, by a path, with its description. */
function describedElements(schema: GraphQLSchema): [string, string | null | undefined][] {
  const out: [string, string | null | undefined][] = [];
  const args = (path: string, list: readonly GraphQLArgument[]) => {
    for (const arg of list) out.push([`${path}(${arg.name}:)`, arg.description]);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    // The root types are containers; their fields carry the meaning.
    const root = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    if (!root.includes(type as never)) out.push([type.name, type.description]);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push([`${type.name}.${field.name}`, field.description]);
        args(`${type.name}.${field.name}`, field.args);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push([`${type.name}.${field.name}`, field.description]);
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues())
        out.push([`${type.name}.${value.name}`, value.description]);
    }
  }
  for (const directive of schema.getDirectives()) {
    out.push([`@${directive.name}`, directive.description]);
    args(`@${directive.name}`, directive.args);
  }
  return out;
}

describe('schema descriptions', () => {
  it('should describe every type, field, argument, enum value and directive', async () => {
    const elements = describedElements(await buildAppSchema());
    expect(elements.length).toBeGreaterThan(100);
    const missing = elements.filter(([, text]) => !text?.trim()).map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('should find an element without a description', async () => {
    const schema = await buildAppSchema();
    schema.getType('PageInfo')!.description = undefined;
    const missing = describedElements(schema).filter(([, text]) => !text?.trim());
    expect(missing.map(([path]) => path)).toEqual(['PageInfo']);
  });
});
