import type { Logger } from '../log/logger';
import type { DocumentResolver, Operation } from './document-resolver';

export interface HttpGraphQLInput {
  readonly method: string;
  /** The parsed JSON body: one operation or a batch (GET's is ignored). */
  readonly body: unknown;
  /** The URL's query string, where GET carries its operation. */
  readonly search: string;
}

const isOperation = (value: unknown): value is Operation =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** GET's `extensions` parameter as JSON; text that is not JSON is Apollo's to refuse. */
function extensionsParam(params: URLSearchParams): unknown {
  const raw = params.get('extensions');
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

async function resolveSearch(
  resolver: DocumentResolver,
  search: string,
  userId: string,
  log: Logger,
): Promise<string> {
  const params = new URLSearchParams(search);
  const extensions = extensionsParam(params);
  const query = params.get('query') ?? undefined;
  if (extensions === undefined && query === undefined) return search;
  const resolved = await resolver.resolve({ query, extensions }, userId, log);
  if (typeof resolved['query'] === 'string') params.set('query', resolved['query']);
  if (resolved['extensions'] === undefined) params.delete('extensions');
  else params.set('extensions', JSON.stringify(resolved['extensions']));
  return `?${params.toString()}`;
}

/**
 * The request as Apollo should see it: every operation's document text in place, whether
 * it came by APQ hash, by trusted id or as text. Runs after authentication, so resolving
 * a hash is never open to a caller without a token.
 */
export async function resolveHttpDocuments(
  resolver: DocumentResolver,
  input: HttpGraphQLInput,
  userId: string,
  log: Logger,
): Promise<HttpGraphQLInput> {
  const { body } = input;
  if (Array.isArray(body)) {
    const items = await Promise.all(
      body.map((item: unknown) => (isOperation(item) ? resolver.resolve(item, userId, log) : item)),
    );
    return { ...input, body: items };
  }
  if (isOperation(body)) return { ...input, body: await resolver.resolve(body, userId, log) };
  if (input.method === 'GET') {
    return { ...input, search: await resolveSearch(resolver, input.search, userId, log) };
  }
  return input;
}
