import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse, print, validate, type DocumentNode } from 'graphql';
import * as generated from '../../../examples/apollo-client/generated/graphql';

const ROOT = join(__dirname, '../../..');
const schema = buildSchema(readFileSync(join(ROOT, 'schema.graphql'), 'utf8'));
const source = parse(
  readFileSync(join(ROOT, 'examples/apollo-client/operations/tasks.graphql'), 'utf8'),
);

const documents = Object.entries(generated)
  .filter(([name]) => name.endsWith('Document'))
  .map(([name, document]) => [name, document as unknown as DocumentNode] as const);

/** Each named definition printed once, by name: how a document's fragments are compared. */
function definitions(docs: readonly DocumentNode[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const doc of docs) {
    for (const definition of doc.definitions) {
      if (
        definition.kind === Kind.OPERATION_DEFINITION ||
        definition.kind === Kind.FRAGMENT_DEFINITION
      ) {
        out[definition.name!.value] = print(definition);
      }
    }
  }
  return out;
}

describe('the Apollo Client example operations', () => {
  it('should match operations/*.graphql, as codegen would generate them', () => {
    expect(definitions(documents.map(([, doc]) => doc))).toEqual(definitions([source]));
  });

  it('should name each document after its operation, as codegen does', () => {
    for (const [name, doc] of documents) {
      const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(`${(operation as { name: { value: string } }).name.value}Document`).toBe(name);
    }
  });

  it('should be valid against schema.graphql', () => {
    for (const [name, doc] of documents) {
      expect({ name, errors: validate(schema, doc) }).toEqual({ name, errors: [] });
    }
  });
});
