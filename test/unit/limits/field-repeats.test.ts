import { parse } from 'graphql';
import { fieldRepeats } from '../../../src/limits/field-repeats';

const repeats = (document: string, cap = 20_000) => fieldRepeats(parse(document), cap);

describe('fieldRepeats', () => {
  it('should count the fields that merge into each path of the answer', () => {
    expect(repeats('{ me { id name } tasks { totalCount } }')).toEqual({
      path: 'me',
      count: 1,
      expanded: 5,
    });
    expect(repeats('{ me { id } me { id } me { id } }')).toMatchObject({ path: 'me', count: 3 });
  });

  it('should keep aliased copies apart, as the answer does', () => {
    expect(repeats('{ a: me { id } b: me { id } }')).toMatchObject({ count: 1 });
  });

  it('should multiply nested repeats', () => {
    expect(repeats('{ me { id id id } me { id id id } }')).toMatchObject({
      path: 'me.id',
      count: 6,
    });
  });

  it('should merge inline fragments and distinct named fragments into their selection', () => {
    expect(repeats('{ ... on Query { me { id } } ... { me { id } } me { id } }')).toMatchObject({
      path: 'me',
      count: 3,
    });
    const named =
      '{ ...A ...B } fragment A on Query { me { id } } fragment B on Query { me { id } }';
    expect(repeats(named)).toMatchObject({ path: 'me', count: 2 });
  });

  it('should merge a fragment once per selection set, however often it is spread there', () => {
    const spreads = `{ me { ${'...U '.repeat(50)} } } fragment U on User { id }`;
    expect(repeats(spreads)).toMatchObject({ count: 1 });
    // In two selection sets it is merged once into each.
    const twice = '{ a: me { ...U } b: me { ...U } } fragment U on User { id }';
    expect(repeats(twice)).toMatchObject({ count: 1, expanded: 4 });
  });

  it('should stop counting just past the expansion cap', () => {
    const levels = Array.from(
      { length: 20 },
      (_, i) =>
        `fragment F${i} on Task { a: project { ...F${i + 1} } b: project { ...F${i + 1} } }`,
    );
    const found = repeats(
      `{ tasks { nodes { ...F0 } } } ${levels.join(' ')} fragment F20 on Task { id }`,
      1000,
    );
    expect(found.expanded).toBe(1001);
  });

  it('should ignore unknown and cyclic fragments, which validation refuses on its own', () => {
    expect(repeats('{ ...Missing me { id } }')).toMatchObject({ count: 1 });
    const cycle = '{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }';
    expect(repeats(cycle)).toMatchObject({ path: 'me', count: 1 });
  });

  it('should count every operation of the document on its own', () => {
    expect(repeats('query A { me { id } } query B { me { id } }')).toMatchObject({ count: 1 });
  });
});
