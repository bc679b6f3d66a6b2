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
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
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

/** Seconds a client should wait before retrying a request the database could not serve. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

/**
 * The database could not be reached, or the connection died mid-request: nothing of the
 * request was saved (its transaction never committed), and retrying later is safe. The
 * database's own error stays in `originalError`, for the log.
 */
export class ServiceUnavailableError extends GraphQLError {
  constructor(cause?: unknown) {
    super('The service is unavailable right now; nothing was saved. Retry shortly.', {
      originalError: cause instanceof Error ? cause : undefined,
      extensions: {
        code: ErrorCode.SERVICE_UNAVAILABLE,
        retryAfter: UNAVAILABLE_RETRY_AFTER_SECONDS,
        http: {
          status: 503,
          headers: new Map([['retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS)]]),
        },
      },
    });
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

/** A request the GraphQL-over-HTTP rules refuse before any document is looked at. */
export class BadRequestError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } } });
  }
}

/**
 * A hash this server holds no document for. Apollo's message and its 200 status: that is
 * what Apollo Client's persisted-query link answers by sending the document with its hash.
 */
export class PersistedQueryNotFoundError extends GraphQLError {
  constructor() {
    super('PersistedQueryNotFound', {
      extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_FOUND, http: { status: 200 } },
    });
  }
}

/** A document sent with a hash that is not its SHA-256 (or, trusted, not its listed id). */
export class PersistedQueryHashMismatchError extends GraphQLError {
  constructor() {
    super('The persisted query hash does not match the document sent with it.', {
      extensions: { code: ErrorCode.PERSISTED_QUERY_HASH_MISMATCH, http: { status: 400 } },
    });
  }
}

/** Trusted-documents mode: the document is not in the server's manifest. */
export class PersistedQueryNotInListError extends GraphQLError {
  constructor() {
    super('This server runs only its trusted documents, and this is not one of them.', {
      extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_IN_LIST, http: { status: 400 } },
    });
  }
}

/**
 * PERSISTED_QUERIES=false: a hash is refused in Apollo's words, which HTTP gets from Apollo
 * itself and a socket from us.
 */
export class PersistedQueryNotSupportedError extends GraphQLError {
  constructor() {
    super('PersistedQueryNotSupported', {
      extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED, http: { status: 200 } },
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
    error instanceof ServiceUnavailableError ||
    error instanceof LimitExceededError ||
    error instanceof BadRequestError ||
    error instanceof PersistedQueryNotFoundError ||
    error instanceof PersistedQueryHashMismatchError ||
    error instanceof PersistedQueryNotInListError ||
    error instanceof PersistedQueryNotSupportedError ||
    error instanceof StaleReadError
  );
}
