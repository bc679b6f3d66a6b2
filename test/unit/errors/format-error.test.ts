import { ApolloServer } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  ConflictError,
  ForbiddenError,
  INTERNAL_MESSAGE,
  QueryTimeoutError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthenticatedError,
} from '../../../src/errors/errors';
import { createFormatError } from '../../../src/errors/format-error';

function pgError(): Error {
  return Object.assign(
    new Error('duplicate key value violates unique constraint "task_pkey": INSERT INTO task'),
    {
      code: '23505',
      detail: 'Key (id)=(42) already exists.',
      query: 'INSERT INTO task VALUES ($1)',
    },
  );
}

const typeDefs = `type Query { task: String, timeout: String, unavailable: String, conflict: String, forbidden: String, limited: String, anonymous: String, duplicate: String, typo: String, library: String }`;
const resolvers = {
  Query: {
    timeout: () => {
      throw new QueryTimeoutError();
    },
    conflict: () => {
      throw new ConflictError();
    },
    unavailable: () => {
      throw new ServiceUnavailableError(
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
      );
    },
    forbidden: () => {
      throw new ForbiddenError('Missing scope: tasks:read');
    },
    limited: () => {
      throw new RateLimitedError(30);
    },
    anonymous: () => {
      throw new UnauthenticatedError();
    },
    duplicate: async () => {
      throw pgError();
    },
    typo: () => (undefined as unknown as { x: { y: string } }).x.y,
    library: () => {
      throw new GraphQLError('lib internals at /srv/app', { extensions: { code: 'LIB_OOPS' } });
    },
  },
};

async function run(query: string, production = false) {
  const log = { error: jest.fn() };
  const server = new ApolloServer({
    typeDefs,
    resolvers,
    formatError: createFormatError({ log, production }),
    // Apollo's development default: our formatter must still leave no stack trace.
    includeStacktraceInErrorResponses: true,
  });
  const response = await server.executeOperation({ query });
  await server.stop();
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const errors = response.body.singleResult.errors ?? [];
  return { errors, first: errors[0], log, status: response.http.status };
}

const json = (value: unknown) => JSON.stringify(value);

describe('createFormatError', () => {
  it('should keep the message and code of our exposed errors', async () => {
    const { first, log } = await run('{ forbidden }');
    expect(first).toEqual({
      message: 'Missing scope: tasks:read',
      locations: [{ line: 1, column: 3 }],
      path: ['forbidden'],
      extensions: { code: 'FORBIDDEN' },
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('should keep a CONFLICT, which tells the client a retry is safe', async () => {
    const { first, log } = await run('{ conflict }');
    expect(first).toMatchObject({
      message: 'The record was changed by another request at the same time: retry.',
      extensions: { code: 'CONFLICT' },
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('should keep a TIMEOUT, without its http status', async () => {
    const { first, log } = await run('{ timeout }');
    expect(first).toMatchObject({
      message: expect.stringMatching(/took too long in the database/),
      extensions: { code: 'TIMEOUT' },
    });
    expect(first?.extensions).not.toHaveProperty('http');
    expect(log.error).not.toHaveBeenCalled();
  });

  it('should keep a SERVICE_UNAVAILABLE with its retry hint, never the database’s error', async () => {
    const { first, log, status } = await run('{ unavailable }');
    expect(first).toMatchObject({
      message: expect.stringMatching(/unavailable.*nothing was saved/),
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: 2 },
    });
    expect(json(first)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|http/);
    expect(status).toBe(503);
    expect(log.error).not.toHaveBeenCalled();
  });

  it('should keep safe extensions but never the http extension', async () => {
    const limited = await run('{ limited }');
    expect(limited.first?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 30 });
    const anonymous = await run('{ anonymous }');
    expect(anonymous.first?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    // Apollo moves `http` into the response head before formatting: the status survives.
    expect(anonymous.status).toBe(401);
  });

  it('should mask and log a database driver error', async () => {
    const { first, log } = await run('{ duplicate }');
    expect(first).toEqual({
      message: INTERNAL_MESSAGE,
      locations: [{ line: 1, column: 3 }],
      path: ['duplicate'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(json(first)).not.toMatch(/INSERT|23505|task_pkey|already exists/);
    expect(log.error).toHaveBeenCalledTimes(1);
    const [logged] = log.error.mock.calls[0] as [{ err: { code?: string } }];
    expect(logged.err.code).toBe('23505');
  });

  it('should mask TypeErrors and library errors with unknown codes', async () => {
    for (const field of ['typo', 'library']) {
      const { first, log } = await run(`{ ${field} }`);
      expect(first?.message).toBe(INTERNAL_MESSAGE);
      expect(first?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(log.error).toHaveBeenCalledTimes(1);
    }
  });

  it('should mask a wrapped resolver error and log its original error', () => {
    const log = { error: jest.fn() };
    const original = pgError();
    const wrapped = new GraphQLError(original.message, { path: ['task'], originalError: original });
    const formatted: GraphQLFormattedError = {
      message: original.message,
      path: ['task'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: at pg'] },
    };
    const result = createFormatError({ log, production: true })(formatted, wrapped);
    expect(result).toEqual({
      message: INTERNAL_MESSAGE,
      path: ['task'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: original }),
      expect.any(String),
    );
  });

  it('should mask a resolver error that borrows a request error code', () => {
    const log = { error: jest.fn() };
    const error = new GraphQLError('raw driver text', {
      path: ['task'],
      originalError: Object.assign(new Error('raw driver text'), {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    });
    const formatted = {
      message: 'raw driver text',
      path: ['task'],
      extensions: { code: 'BAD_USER_INPUT' },
    };
    expect(createFormatError({ log, production: false })(formatted, error).message).toBe(
      INTERNAL_MESSAGE,
    );
  });

  it('should pass validation errors through with their suggestions in development', async () => {
    const { first, log } = await run('{ tsak }');
    expect(first?.message).toBe('Cannot query field "tsak" on type "Query". Did you mean "task"?');
    expect(first?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('should strip "Did you mean" suggestions in production', async () => {
    const { first } = await run('{ tsak }', true);
    expect(first?.message).toBe('Cannot query field "tsak" on type "Query".');
    expect(first?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('should pass parse errors through', async () => {
    const { first } = await run('{ task');
    expect(first?.extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(first?.message).toMatch(/^Syntax Error/);
  });

  it('should never include a stacktrace or exception anywhere', async () => {
    const queries = ['{ forbidden }', '{ duplicate }', '{ typo }', '{ tsak }', '{ task'];
    for (const query of queries) {
      const { errors } = await run(query);
      expect(errors.length).toBeGreaterThan(0);
      expect(json(errors)).not.toMatch(/stacktrace|exception|"http"/);
    }
  });
});
