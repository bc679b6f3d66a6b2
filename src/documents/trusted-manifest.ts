import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** One operation a trusted-documents server will run. */
export interface TrustedDocument {
  readonly id: string;
  readonly name: string | undefined;
  readonly type: 'query' | 'mutation' | 'subscription' | undefined;
  readonly body: string;
}

/** Apollo's persisted query manifest (@apollo/generate-persisted-query-manifest writes it). */
const apolloManifest = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().min(1).max(128),
      name: z.string().optional(),
      type: z.enum(['query', 'mutation', 'subscription']).optional(),
      body: z.string().min(1),
    }),
  ),
});

/** GraphQL Code Generator's client preset (`persistedDocuments: true`): `{ [hash]: body }`. */
const codegenDocuments = z.record(z.string().min(1).max(128), z.string().min(1));

/** The manifest's documents, found by id or by their exact text. */
export class TrustedDocuments {
  private readonly ids = new Map<string, TrustedDocument>();
  private readonly bodies = new Map<string, TrustedDocument>();

  constructor(readonly documents: readonly TrustedDocument[]) {
    for (const document of documents) {
      this.ids.set(document.id, document);
      this.bodies.set(document.body, document);
    }
  }

  byId(id: string): TrustedDocument | undefined {
    return this.ids.get(id);
  }

  byBody(text: string): TrustedDocument | undefined {
    return this.bodies.get(text);
  }
}

export class TrustedDocumentsError extends Error {
  constructor(path: string, problems: readonly string[]) {
    super(`TRUSTED_DOCUMENTS (${path}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TrustedDocumentsError';
  }
}

/** Parses a manifest's text; every problem is listed at once. */
export function parseTrustedDocuments(path: string, text: string): TrustedDocuments {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TrustedDocumentsError(path, ['the file is not JSON']);
  }
  if (typeof json === 'object' && json !== null && 'format' in json) {
    const parsed = apolloManifest.safeParse(json);
    if (!parsed.success) {
      throw new TrustedDocumentsError(
        path,
        parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || 'manifest'}: ${issue.message}`,
        ),
      );
    }
    const documents = parsed.data.operations.map((op) => ({ ...op, name: op.name, type: op.type }));
    assertUniqueIds(path, documents);
    return new TrustedDocuments(documents);
  }
  const parsed = codegenDocuments.safeParse(json);
  if (!parsed.success) {
    throw new TrustedDocumentsError(path, [
      'expected Apollo\'s persisted query manifest ({ "format": "apollo-persisted-query-manifest", ' +
        '"version": 1, "operations": [...] }) or a { "<id>": "<document>" } map',
    ]);
  }
  return new TrustedDocuments(
    Object.entries(parsed.data).map(([id, body]) => ({
      id,
      body,
      name: undefined,
      type: undefined,
    })),
  );
}

function assertUniqueIds(path: string, documents: readonly TrustedDocument[]): void {
  const seen = new Set<string>();
  const repeated = documents.filter(({ id }) => seen.size === seen.add(id).size);
  if (repeated.length > 0) {
    throw new TrustedDocumentsError(
      path,
      repeated.map(({ id }) => `id ${id} is listed more than once`),
    );
  }
}

export async function loadTrustedDocuments(path: string): Promise<TrustedDocuments> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new TrustedDocumentsError(path, [`cannot read the file (${code})`]);
  }
  return parseTrustedDocuments(path, text);
}
