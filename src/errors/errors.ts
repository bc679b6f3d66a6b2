import { GraphQLError } from 'graphql';

/** The one message every rejected token gets: the cause goes to the log, never to the client. */
export const UNAUTHENTICATED_MESSAGE = 'Authentication required: send a valid access token.';
export const NOT_FOUND_MESSAGE = 'Not found.';
export const INTERNAL_MESSAGE = 'Internal server error.';

/** Codes a client may see. Anything else is masked to INTERNAL_SERVER_ERROR. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
  TIMEOUT: 'TIMEOUT',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export class UnauthenticatedError extends GraphQLError {
  constructor() {
    super(UNAUTHENTICATED_MESSAGE, {
      extensions: {
        code: ErrorCode.UNAUTHENTICATED,
        http: {
          status: 401,
          headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]),
        },
      },
    });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message = 'Your token does not grant this operation.') {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/** Same message whether the record is missing or someone else's: nothing can be told apart. */
export class NotFoundError extends GraphQLError {
  constructor() {
    super(NOT_FOUND_MESSAGE, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

export class BadUserInputError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
  }
}

/**
 * A mutation whose rows another request of the same user changed after this request began
 * (each request reads one snapshot): nothing of it was written, and retrying is safe.
 */
export class ConflictError extends GraphQLError {
  constructor() {
    super('The record was changed by another request at the same time: retry.', {
      extensions: { code: ErrorCode.CONFLICT },
    });
  }
}

/** A statement ran past DB_STATEMENT_TIMEOUT: the whole request is rolled back. */
export class QueryTimeoutError extends GraphQLError {
  constructor() {
    super(
      'The request took too long in the database and was stopped; nothing was saved. ' +
        'Ask for less: a smaller page or a narrower filter.',
      { extensions: { code: ErrorCode.TIMEOUT, http: { status: 503 } } },
    );
  }
}

/**
 * A statement of a read-only run came after its transaction had ended early (see
 * src/db/pipeline): never answered, the request runs again with a transaction of its own.
 */
export class StaleReadError extends GraphQLError {
  constructor() {
    super(INTERNAL_MESSAGE, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  }
}

export class RateLimitedError extends GraphQLError {
  constructor(retryAfterSeconds: number) {
    super('Too many requests: slow down and retry later.', {
      extensions: {
        code: ErrorCode.RATE_LIMITED,
        retryAfter: retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      },
    });
  }
}

/**
 * A request over one of the operation limits (depth, aliases, cost, batch size…), refused
 * before anything runs. The message names the limit and its value, never the schema.
 */
export class LimitExceededError extends GraphQLError {
  constructor(
    readonly limit: string,
    message: string,
  ) {
    super(message, {
      extensions: { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, limit, http: { status: 400 } },
    });
  }
}

/** Errors of ours whose message is safe to show as it is. */
export function isExposedError(error: unknown): error is GraphQLError {
  return (
    error instanceof UnauthenticatedError ||
    error instanceof ForbiddenError ||
    error instanceof NotFoundError ||
    error instanceof BadUserInputError ||
    error instanceof RateLimitedError ||
    error instanceof ConflictError ||
    error instanceof QueryTimeoutError ||
    error instanceof LimitExceededError ||
    error instanceof StaleReadError
  );
}
