import { Directive } from 'type-graphql';

/** `@Auth()`: any valid token; `@Auth('tasks:read', …)`: a scoped token must carry each scope. */
export function Auth(...scopes: string[]) {
  // The `scope` claim is space-separated, so a scope with whitespace could never be granted.
  const bad = scopes.find((scope) => scope === '' || /\s/.test(scope));
  if (bad !== undefined) throw new Error(`Invalid scope for @Auth: ${JSON.stringify(bad)}`);
  // JSON string literals are valid GraphQL string literals, so quoting stays correct.
  return Directive(scopes.length > 0 ? `@auth(scopes: ${JSON.stringify(scopes)})` : '@auth');
}
