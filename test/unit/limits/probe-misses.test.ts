import { parse, type OperationDefinitionNode } from 'graphql';
import { assertBatchAllowed } from '../../../src/limits/batch-limit';
import { countMisses } from '../../../src/plugins/probe.plugin';

function misses(query: string, result: Parameters<typeof countMisses>[0]) {
  const document = parse(query);
  const operation = document.definitions[0] as OperationDefinitionNode;
  return countMisses(result, document, operation);
}

describe('countMisses', () => {
  it('should count each id lookup answering null, by alias and through fragments', () => {
    const query = `{ a: task(id: "1") { id } project(id: "2") { id } ...F tags { id } }
      fragment F on Query { tag(id: "3") { id } }`;
    expect(misses(query, { data: { a: null, project: null, tag: null, tags: [] } })).toBe(3);
    expect(misses(query, { data: { a: { id: '1' }, project: null, tag: null, tags: [] } })).toBe(2);
  });

  it('should count NOT_FOUND errors, and not a null caused by another error', () => {
    expect(
      misses('{ task(id: "1") { id } }', {
        data: { task: null },
        errors: [{ message: 'no', path: ['task'], extensions: { code: 'FORBIDDEN' } }],
      }),
    ).toBe(0);
    expect(
      misses('mutation { a: deleteTask(id: "1") b: deleteTask(id: "2") }', {
        data: null,
        errors: [
          { message: 'Not found.', path: ['a'], extensions: { code: 'NOT_FOUND' } },
          { message: 'Not found.', path: ['b'], extensions: { code: 'NOT_FOUND' } },
        ],
      }),
    ).toBe(2);
  });
});

describe('assertBatchAllowed', () => {
  it('should pass single operations and refuse arrays unless allowed and small', () => {
    expect(() => assertBatchAllowed({ query: '{ me { id } }' }, 0)).not.toThrow();
    expect(() => assertBatchAllowed([{}], 0)).toThrow('Batched requests are not accepted');
    expect(() => assertBatchAllowed([{}, {}], 2)).not.toThrow();
    expect(() => assertBatchAllowed([{}, {}, {}], 2)).toThrow(
      'A batch may hold 1 to 2 operations.',
    );
    expect(() => assertBatchAllowed([], 2)).toThrow('A batch may hold 1 to 2 operations.');
  });
});
