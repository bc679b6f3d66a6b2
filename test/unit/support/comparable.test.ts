import { comparable } from '../../support/isolation/graphql';
import type { GraphQLResponse } from '../../support/test-server';

const cursorError = (path: (string | number)[]) => ({
  message: 'after is not a valid cursor for this list and ordering',
  path,
  extensions: { code: 'BAD_USER_INPUT', field: 'after' },
});

const answer = (data: unknown, errors: unknown[]): GraphQLResponse =>
  ({ status: 200, body: { data, errors } }) as GraphQLResponse;

describe('comparable', () => {
  it('should treat nulled answers alike when they say the same things at different paths', () => {
    const early = answer(null, [cursorError(['f9', 'projects'])]);
    const late = answer(null, [cursorError(['f17', 'nodes', 0]), cursorError(['f9', 'projects'])]);
    expect(comparable(early)).toBe(comparable(late));
  });

  it('should tell nulled answers apart when one says something the other does not', () => {
    const one = answer(null, [cursorError(['f9', 'projects'])]);
    const other = answer(null, [
      cursorError(['f9', 'projects']),
      { message: 'Task not found', path: ['f1'], extensions: { code: 'NOT_FOUND' } },
    ]);
    expect(comparable(one)).not.toBe(comparable(other));
  });

  it('should keep the paths of errors in answers that still carry data', () => {
    const one = answer({ f9: null }, [cursorError(['f9', 'projects'])]);
    const other = answer({ f9: null }, [cursorError(['f17', 'nodes', 0])]);
    expect(comparable(one)).not.toBe(comparable(other));
  });

  it('should replace the given values with placeholders', () => {
    const foreign = answer(null, [{ message: 'x abc', extensions: { code: 'NOT_FOUND' } }]);
    const standIn = answer(null, [{ message: 'x def', extensions: { code: 'NOT_FOUND' } }]);
    expect(comparable(foreign, ['abc'])).toBe(comparable(standIn, ['def']));
  });
});
