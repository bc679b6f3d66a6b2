import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDirective } from '@graphql-tools/utils';
import {
  buildSchema,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema, printAppSchema } from '../../../src/schema/build-schema';

const ROOT = join(__dirname, '..', '..', '..');
const CONTRACT = join(ROOT, '..', 'shared', 'api-contract.graphql');

function authScopes(schema: GraphQLSchema, typeName: 'Query' | 'Mutation', field: string) {
  const type = typeName === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const def = type?.getFields()[field];
  return def ? getDirective(schema, def, 'auth') : undefined;
}

describe('schema.graphql', () => {
  let generated: string;
  let contract: GraphQLSchema;

  beforeAll(async () => {
    generated = printAppSchema(await buildAppSchema());
    contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
  });

  it('should match what the type-graphql classes generate (run npm run schema:print)', () => {
    expect(readFileSync(join(ROOT, 'schema.graphql'), 'utf8')).toBe(generated);
  });

  it('should have no breaking change against the public contract', () => {
    expect(findBreakingChanges(contract, buildSchema(generated))).toEqual([]);
  });

  it('should have no dangerous change against the public contract', () => {
    expect(findDangerousChanges(contract, buildSchema(generated))).toEqual([]);
  });

  it('should guard every root field of the contract with the same @auth scopes', () => {
    const ours = buildSchema(generated);
    for (const typeName of ['Query', 'Mutation'] as const) {
      const fields = Object.keys(
        (typeName === 'Query' ? contract.getQueryType() : contract.getMutationType())!.getFields(),
      );
      for (const field of fields) {
        expect({ field, auth: authScopes(ours, typeName, field) }).toEqual({
          field,
          auth: authScopes(contract, typeName, field),
        });
      }
    }
  });
});
