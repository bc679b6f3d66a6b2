import { inlineParams } from '../../../src/db/inline-params';

describe('inlineParams', () => {
  it('should write every placeholder as a quoted literal, as the driver sends untyped text', () => {
    expect(inlineParams('SELECT $1, $2, $3, $4', ['a', 42, true, null])).toBe(
      "SELECT 'a', '42', 'true', NULL",
    );
  });

  it('should double quotes and escape backslashes so a value cannot end its literal', () => {
    expect(inlineParams('SELECT $1', ["o'brien"])).toBe("SELECT 'o''brien'");
    expect(inlineParams('SELECT $1', ["a\\'; DROP TABLE users; --"])).toBe(
      "SELECT  E'a\\\\''; DROP TABLE users; --'",
    );
  });

  it('should keep a negative number inside quotes, where it cannot meet a minus as a comment', () => {
    expect(inlineParams('SELECT 1 - $1', [-5])).toBe("SELECT 1 - '-5'");
  });

  it('should reuse a placeholder named twice and tell $1 from $10', () => {
    const params = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParams('$1 $10 $1', params)).toBe("'v1' 'v10' 'v1'");
  });

  it('should refuse a missing value, a NUL character and a number that is not finite', () => {
    expect(() => inlineParams('SELECT $2', ['only one'])).toThrow('no value for $2');
    expect(() => inlineParams('SELECT $1', ['a\u0000b'])).toThrow('NUL');
    expect(() => inlineParams('SELECT $1', [Number.NaN])).toThrow('finite');
  });
});
