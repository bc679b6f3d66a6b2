import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDirective } from '@graphql-tools/utils';
import {
  buildSchema,
  findBreakingChanges,
  DangerousChangeType,
  findDangerousChanges,
  type GraphQLSchema,
} from 'graphql';
import { buildAppSchema, printAppSchema } from '../../../src/graphql/schema/build-schema';
import { API_CONTRACT_PATH, readApiContract } from '../../support/api-contract';

const ROOT = join(__dirname, '..', '..', '..');
const contractSource = readApiContract();
const SKIPPED = `SKIPPED: no public contract at ${API_CONTRACT_PATH} (set API_CONTRACT_PATH to compare)`;

function authScopes(schema: GraphQLSchema, typeName: 'Query' | 'Mutation', field: string) {
  const type = typeName === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const def = type?.getFields()[field];
  return def ? getDirective(schema, def, 'auth') : undefined;
}

const ADDITIONS = new Set<string>([
  DangerousChangeType.OPTIONAL_ARG_ADDED,
  DangerousChangeType.IMPLEMENTED_INTERFACE_ADDED,
]);

let generated: string;
beforeAll(async () => {
  generated = printAppSchema(await buildAppSchema());
});

describe('schema.graphql', () => {
  it('should match what the type-graphql classes generate (run npm run schema:print)', () => {
    expect(readFileSync(join(ROOT, 'schema.graphql'), 'utf8')).toBe(generated);
  });
});

// Where the contract is absent the comparison is reported as skipped, by name, not passed.
(contractSource === undefined ? describe.skip : describe)(
  contractSource === undefined
    ? `schema.graphql against the public contract (${SKIPPED})`
    : 'schema.graphql against the public contract',
  () => {
    let contract: GraphQLSchema;

    beforeAll(() => {
      contract = buildSchema(contractSource!);
    });

    it('should have no breaking change against the public contract', () => {
      expect(findBreakingChanges(contract, buildSchema(generated))).toEqual([]);
    });

    // Adding is free (an optional argument, an interface a type also implements); a changed
    // default or a new value of a contract enum would change what existing clients get.
    it('should have no dangerous change against the public contract but additions', () => {
      const changes = findDangerousChanges(contract, buildSchema(generated));
      expect(changes.filter(({ type }) => !ADDITIONS.has(type))).toEqual([]);
    });

    it('should guard every root field of the contract with the same @auth scopes', () => {
      const ours = buildSchema(generated);
      for (const typeName of ['Query', 'Mutation'] as const) {
        const fields = Object.keys(
          (typeName === 'Query'
            ? contract.getQueryType()
            : contract.getMutationType())!.getFields(),
        );
        for (const field of fields) {
          expect({ field, auth: authScopes(ours, typeName, field) }).toEqual({
            field,
            auth: authScopes(contract, typeName, field),
          });
        }
      }
    });
  },
);

if (contractSource === undefined) {
  // Printed once, so a plain clone's run says what it did not check.
  console.warn(SKIPPED);
}
