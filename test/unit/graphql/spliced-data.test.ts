import { SplicedData, stringifyAnswer } from '../../../src/graphql/compiled/spliced-data';

describe('stringifyAnswer', () => {
  const json = '{"tasks":{"nodes":[{"title":"a \\"b\\""}]}}';
  const roots = [['tasks', '{"nodes":[{"title":"a \\"b\\""}]}']] as const;

  it('should splice compiled data as the database wrote it', () => {
    const out = stringifyAnswer({ data: new SplicedData(roots) });
    expect(out).toBe(`{"data":${json}}\n`);
    expect(out).toBe(`${JSON.stringify({ data: JSON.parse(json) })}\n`);
  });

  it('should write an answer with errors or extensions as Apollo does, compiled data included', () => {
    const errors = [{ message: 'x', extensions: { code: 'X' } }];
    expect(stringifyAnswer({ errors, data: new SplicedData(roots) })).toBe(
      `${JSON.stringify({ errors, data: JSON.parse(json) })}\n`,
    );
    expect(stringifyAnswer({ data: new SplicedData(roots), extensions: { a: 1 } })).toBe(
      `${JSON.stringify({ data: JSON.parse(json), extensions: { a: 1 } })}\n`,
    );
  });

  it('should answer each root key as the object graphql-js would give, null included', () => {
    const data = new SplicedData([
      ['f0', 'null'],
      ['f1', '{"id":"x","tags":[]}'],
    ]) as unknown as Record<string, unknown>;
    expect(data['f0']).toBeNull();
    expect(data['f1']).toEqual({ id: 'x', tags: [] });
    expect(Object.keys(data)).toEqual(['f0', 'f1']);
    expect(stringifyAnswer({ data })).toBe('{"data":{"f0":null,"f1":{"id":"x","tags":[]}}}\n');
  });

  it('should keep its text whatever the root keys are called', () => {
    const data = new SplicedData([
      ['json', '1'],
      ['toJSON', '{"a":null}'],
    ]);
    expect(stringifyAnswer({ data })).toBe('{"data":{"json":1,"toJSON":{"a":null}}}\n');
    expect(JSON.stringify(data)).toBe('{"json":1,"toJSON":{"a":null}}');
  });

  it('should write an empty selection as an empty object', () => {
    expect(stringifyAnswer({ data: new SplicedData([]) })).toBe('{"data":{}}\n');
  });

  it('should write any other answer with JSON.stringify and a newline', () => {
    const value = { errors: undefined, data: { a: [1, null] }, extensions: undefined };
    expect(stringifyAnswer(value)).toBe(`${JSON.stringify(value)}\n`);
  });
});
