import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, INTERNAL_MESSAGE, isExposedError } from './errors';

/** Codes Apollo and graphql-js give errors in the request itself (parse, validate, variables). */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Never sent: `http` is for the response head, the rest give away internals. */
const HIDDEN_EXTENSIONS = new Set(['http', 'stacktrace', 'exception']);

// graphql-js appends ` Did you mean "a", "b", or "c"?` from the schema: it maps the schema out.
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

// Apollo's wording names the library and the option that would switch introspection on.
const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

function requestErrorMessage(formatted: GraphQLFormattedError, production: boolean): string {
  if (!production) return formatted.message;
  if (formatted.extensions?.['validationErrorCode'] === INTROSPECTION_DISABLED) {
    return 'Introspection is disabled.';
  }
  return formatted.message.replace(SUGGESTION, '');
}

export interface FormatErrorOptions {
  log: { error(obj: object, msg: string): void };
  production: boolean;
}

function visibleExtensions(extensions: Readonly<Record<string, unknown>> | undefined) {
  return Object.fromEntries(
    Object.entries(extensions ?? {}).filter(([key]) => !HIDDEN_EXTENSIONS.has(key)),
  );
}

function where(formatted: GraphQLFormattedError) {
  return {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
}

/** Apollo's `formatError`: masking is on in every environment, so clients see stable codes. */
export function createFormatError({
  log,
  production,
}: FormatErrorOptions): (
  formatted: GraphQLFormattedError,
  error: unknown,
) => GraphQLFormattedError {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isExposedError(original)) {
      return {
        message: original.message,
        ...where(formatted),
        extensions: visibleExtensions(original.extensions),
      };
    }
    const code = formatted.extensions?.['code'];
    // Request errors never carry a path; a resolver error claiming such a code is not one.
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && !formatted.path) {
      const message = requestErrorMessage(formatted, production);
      return { message, ...where(formatted), extensions: visibleExtensions(formatted.extensions) };
    }
    log.error(
      { err: original, path: formatted.path },
      'Unexpected error while executing a request',
    );
    return {
      message: INTERNAL_MESSAGE,
      ...where(formatted),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
