import { SplicedData, stringifyAnswer } from '../../../src/graphql/compiled/spliced-data';

describe('stringifyAnswer', () => {
  const json = '{"tasks":{"nodes":[{"title":"a \\"b\\""}]}}';

  it('should splice compiled data as the database wrote it', () => {
    const out = stringifyAnswer({ data: new SplicedData(json) });
    expect(out).toBe(`{"data":${json}}\n`);
    expect(out).toBe(`${JSON.stringify({ data: JSON.parse(json) })}\n`);
  });

  it('should write an answer with errors or extensions as Apollo does, compiled data included', () => {
    const errors = [{ message: 'x', extensions: { code: 'X' } }];
    expect(stringifyAnswer({ errors, data: new SplicedData(json) })).toBe(
      `${JSON.stringify({ errors, data: JSON.parse(json) })}\n`,
    );
    expect(stringifyAnswer({ data: new SplicedData(json), extensions: { a: 1 } })).toBe(
      `${JSON.stringify({ data: JSON.parse(json), extensions: { a: 1 } })}\n`,
    );
  });

  it('should write any other answer with JSON.stringify and a newline', () => {
    const value = { errors: undefined, data: { a: [1, null] }, extensions: undefined };
    expect(stringifyAnswer(value)).toBe(`${JSON.stringify(value)}\n`);
  });
});
