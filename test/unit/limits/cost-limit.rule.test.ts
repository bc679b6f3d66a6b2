import { parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LimitExceededError } from '../../../src/errors/errors';
import {
  costLimitRule,
  OperationCost,
  type CostLimitOptions,
} from '../../../src/limits/cost-limit.rule';
import { buildAppSchema } from '../../../src/graphql/schema/build-schema';

const OPTIONS: CostLimitOptions = { maxCost: 20_000, maxPageSize: 100, listSize: 20 };

describe('costLimitRule', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });

  const cost = (query: string, options: Partial<CostLimitOptions> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    )!;
    return new OperationCost(schema, document, { ...OPTIONS, ...options }).of(operation);
  };

  const errors = (query: string) => validate(schema, parse(query), [costLimitRule(OPTIONS)]);

  describe('OperationCost', () => {
    it.each([
      ['a field', '{ me { id } }', 2],
      ["a connection's totalCount, not multiplied", '{ tasks(first: 100) { totalCount } }', 2],
      ['nodes by the default first (20)', '{ tasks { nodes { id } } }', 1 + 20 * 2],
      ['nodes by a literal first', '{ tasks(first: 5) { nodes { id title } } }', 1 + 5 * 3],
      ['edges by first, their node once', '{ tasks(first: 10) { edges { node { id } } } }', 31],
      [
        'a first from a variable at the largest page',
        'query($n: Int) { tasks(first: $n) { nodes { id } } }',
        201,
      ],
      [
        'a first past the largest page at the largest page',
        '{ tasks(first: 5000) { nodes { id } } }',
        201,
      ],
      ['a list without first at the assumed size', '{ tags { id name } }', 20 * 3],
      [
        'nodes by a literal last, not the default first',
        '{ tasks(last: 50) { nodes { id } } }',
        101,
      ],
      [
        'a last from a variable at the largest page',
        'query($n: Int) { me { projects(last: $n) { nodes { id } } } }',
        1 + 1 + 100 * 2,
      ],
      ['the larger of first and last', '{ tasks(first: 3, last: 60) { nodes { id } } }', 121],
      [
        'last two lists deep',
        '{ projects(last: 100) { nodes { tasks(last: 100) { nodes { id } } } } }',
        1 + 100 * (1 + 1 + 100 * 2),
      ],
      [
        "the contract's normal page of tasks",
        '{ tasks(first: 100) { nodes { project { name } tags { name } } } }',
        1 + 100 * (1 + 2 + 20 * 2),
      ],
      [
        'first: 100 two lists deep',
        '{ projects(first: 100) { nodes { tasks(first: 100) { nodes { id } } } } }',
        1 + 100 * (1 + 1 + 100 * 2),
      ],
    ])('should count %s', (_name, query, expected) => {
      expect(cost(query)).toBe(expected);
    });

    it('should count named and inline fragments as if written out', () => {
      const inline = '{ tasks(first: 10) { nodes { id project { name } } } }';
      expect(
        cost(`{ tasks(first: 10) { ...Page } }
          fragment Page on TaskConnection { nodes { ... on Task { id } ...P } }
          fragment P on Task { project { name } }`),
      ).toBe(cost(inline));
    });

    it('should count a fragment named __schema, even where introspection is exempt', () => {
      const query =
        '{ ...__schema } fragment __schema on Query { tasks(first: 100) { nodes { id } } }';
      expect(cost(query, { ignoreIntrospection: true })).toBe(201);
    });

    it('should leave real introspection fields out only when asked to', () => {
      const query = '{ __schema { types { name } } }';
      expect(cost(query, { ignoreIntrospection: true })).toBe(0);
      expect(cost(query)).toBe(1 + 20 * 2);
    });

    it('should stop at fragment cycles', () => {
      expect(
        cost('{ ...A } fragment A on Query { me { id } ...B } fragment B on Query { ...A }'),
      ).toBe(2);
    });

    it('should count exponential fragment fan-out without expanding it', () => {
      const levels = Array.from(
        { length: 40 },
        (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
      );
      const query = `{ ...F0 } ${levels.join(' ')} fragment F40 on Query { me { id } }`;
      const started = Date.now();
      expect(cost(query)).toBe(2 ** 40 * 2);
      expect(Date.now() - started).toBeLessThan(500);
    });

    it('should count an unknown field once and not look inside it', () => {
      expect(cost('{ nope { a { b } } }')).toBe(1);
    });
  });

  describe('the rule', () => {
    it('should pass a query within the limit', () => {
      expect(errors('{ tasks(first: 100) { nodes { project { name } tags { name } } } }')).toEqual(
        [],
      );
    });

    it('should refuse first: 100 three lists deep with GRAPHQL_VALIDATION_FAILED', () => {
      const [error, ...rest] = errors(`{ projects(first: 100) { nodes { tasks(first: 100) { nodes {
        tags { tasks(first: 100) { nodes { id } } } } } } } }`);
      expect(rest).toEqual([]);
      expect(error).toBeInstanceOf(LimitExceededError);
      expect(error!.message).toBe('Query cost 40410201 exceeds the limit of 20000.');
      expect(error!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' });
    });

    it('should judge each operation of a document on its own', () => {
      const small = 'query A { tasks(first: 100) { nodes { id } } }';
      const large =
        'query B { projects(first: 100) { nodes { tasks(first: 100) { nodes { id } } } } }';
      expect(errors(`${small} ${small.replace('A', 'C')}`)).toEqual([]);
      expect(errors(`${small} ${large}`)).toHaveLength(1);
    });

    it('should not print astronomically large costs', () => {
      const levels = Array.from(
        { length: 60 },
        (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
      );
      const [error] = errors(`{ ...F0 } ${levels.join(' ')} fragment F60 on Query { me { id } }`);
      expect(error!.message).toBe('Query cost over 1000000000 exceeds the limit of 20000.');
    });
  });
});
