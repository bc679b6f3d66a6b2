import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';

interface WireError {
  readonly message?: string;
  readonly extensions?: { readonly code?: unknown };
}

/**
 * The API's errors as `CODE: message` lines. GraphQL errors carry extensions.code; an HTTP
 * refusal (401, 429, 413…) reaches Apollo Client 4 as a ServerError whose GraphQL errors are
 * only in bodyText, so they are parsed from there.
 */
export function describeError(error: unknown): string[] {
  let errors: readonly WireError[] = [];
  let prefix = '';
  if (CombinedGraphQLErrors.is(error)) {
    errors = error.errors;
  } else if (ServerError.is(error)) {
    prefix = `HTTP ${error.statusCode} `;
    errors = errorsInBody(error.bodyText);
    if (errors.length === 0) return [`${prefix}${error.message}`];
  } else {
    return [error instanceof Error ? error.message : String(error)];
  }
  return errors.map((e) => `${prefix}${String(e.extensions?.code ?? 'UNKNOWN')}: ${e.message}`);
}

/** extensions.code of a ServerError's body, e.g. UNAUTHENTICATED for a 401. */
export function serverErrorCode(error: ServerError): string | undefined {
  const code = errorsInBody(error.bodyText)[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

function errorsInBody(text: string): readonly WireError[] {
  try {
    const body = JSON.parse(text) as { errors?: unknown };
    return Array.isArray(body.errors) ? (body.errors as WireError[]) : [];
  } catch {
    return [];
  }
}
