import type { SpanAttributes } from './span';

const OPERATIONS = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'WITH',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'START',
  'EXECUTE',
]);

/** One database round trip: the statement's kind, never its text (the opening inlines the user). */
export function dbSpanAttributes(sql: unknown): { name: string; attributes: SpanAttributes } {
  const keyword =
    typeof sql === 'string' ? /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() : undefined;
  const operation = keyword !== undefined && OPERATIONS.has(keyword) ? keyword : 'OTHER';
  return {
    name: operation,
    attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation },
  };
}
