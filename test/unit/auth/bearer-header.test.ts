import { readBearerToken } from '../../../src/auth/bearer-header';
import { MAX_TOKEN_BYTES, TokenRejectedError } from '../../../src/auth/token-rejected';

function reasonOf(values: readonly string[] | undefined): string {
  try {
    readBearerToken(values);
  } catch (error) {
    expect(error).toBeInstanceOf(TokenRejectedError);
    return (error as TokenRejectedError).reason;
  }
  throw new Error('expected the header to be rejected');
}

describe('readBearerToken', () => {
  it('should return the token of a single Bearer header', () => {
    expect(readBearerToken(['Bearer abc.def-ghi_jkl'])).toBe('abc.def-ghi_jkl');
  });

  it('should accept the scheme in any case', () => {
    expect(readBearerToken(['bearer abc'])).toBe('abc');
    expect(readBearerToken(['BEARER abc'])).toBe('abc');
    expect(readBearerToken(['bEaReR abc'])).toBe('abc');
  });

  it('should accept every b64token character and trailing padding', () => {
    expect(readBearerToken(['Bearer aZ09-._~+/=='])).toBe('aZ09-._~+/==');
  });

  it('should reject a missing header', () => {
    expect(reasonOf(undefined)).toBe('missing');
    expect(reasonOf([])).toBe('missing');
  });

  it('should reject duplicate headers even when both are valid', () => {
    expect(reasonOf(['Bearer abc', 'Bearer abc'])).toBe('duplicate_header');
    expect(reasonOf(['Bearer abc', 'Bearer def'])).toBe('duplicate_header');
  });

  it.each([
    ['empty', ''],
    ['other scheme', 'Basic YWxpY2U6cGFzcw=='],
    ['scheme only', 'Bearer'],
    ['scheme and space only', 'Bearer '],
    ['two spaces', 'Bearer  abc'],
    ['a tab', 'Bearer\tabc'],
    ['two tokens', 'Bearer abc def'],
    ['trailing space', 'Bearer abc '],
    ['leading space', ' Bearer abc'],
    ['padding in the middle', 'Bearer ab=c'],
    ['a comma', 'Bearer abc,def'],
    ['a quote', 'Bearer "abc"'],
    ['non-ASCII', 'Bearer abcé'],
    ['no separator', 'Bearerabc'],
    ['a prefix on the scheme', 'XBearer abc'],
  ])('should reject a malformed header (%s)', (_, value) => {
    expect(reasonOf([value])).toBe('malformed_header');
  });

  it('should accept a token of exactly the size limit', () => {
    const token = 'a'.repeat(MAX_TOKEN_BYTES);
    expect(readBearerToken([`Bearer ${token}`])).toBe(token);
  });

  it('should reject a token over the size limit', () => {
    expect(reasonOf([`Bearer ${'a'.repeat(MAX_TOKEN_BYTES + 1)}`])).toBe('too_large');
  });

  it('should reject an oversized header before looking at its shape', () => {
    expect(reasonOf([' '.repeat(100_000)])).toBe('too_large');
  });
});
