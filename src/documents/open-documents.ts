import type { GraphQLSchema, ValidationRule } from 'graphql';
import type { DocumentSettings, RedisSettings } from '../config';
import type { Logger } from '../log/logger';
import { MemoryApqStore, type ApqStore } from './apq-store';
import { checkTrustedDocuments } from './check-trusted-documents';
import {
  createDocumentResolver,
  type DocumentMode,
  type DocumentResolver,
} from './document-resolver';
import { connectRedis } from '../redis/redis-connection';
import { RedisApqStore } from './redis-apq-store';
import { loadTrustedDocuments } from './trusted-manifest';

/** Texts one process keeps for APQ without Redis (characters, about twice as many bytes). */
export const MEMORY_APQ_MAX_CHARS = 8_000_000;

const REDIS_PREFIX = 'task-api:apq:';

export interface OpenDocuments {
  readonly resolver: DocumentResolver;
  /** For the start-up security line: where documents may come from. */
  readonly persistedQueries: 'trusted' | 'automatic' | false;
  readonly store: 'redis' | 'memory' | undefined;
  /** Trusted mode: how many documents the manifest lists. */
  readonly trustedCount: number | undefined;
  close(): Promise<void>;
}

/** Opens what the document settings ask for; a bad manifest or Redis stops start-up. */
export async function openDocuments(
  settings: DocumentSettings,
  redis: RedisSettings | undefined,
  log: Logger,
  schema: GraphQLSchema,
  rules: readonly ValidationRule[],
): Promise<OpenDocuments> {
  if (settings.trustedDocumentsPath) {
    const trusted = await loadTrustedDocuments(settings.trustedDocumentsPath);
    checkTrustedDocuments(settings.trustedDocumentsPath, trusted, schema, rules);
    return {
      resolver: createDocumentResolver({ kind: 'trusted', trusted }),
      persistedQueries: 'trusted',
      store: undefined,
      trustedCount: trusted.documents.length,
      close: async () => undefined,
    };
  }
  if (!settings.automaticPersistedQueries) {
    return {
      resolver: createDocumentResolver({ kind: 'plain' }),
      persistedQueries: false,
      store: undefined,
      trustedCount: undefined,
      close: async () => undefined,
    };
  }
  const store: ApqStore = redis
    ? new RedisApqStore(await connectRedis('apq', redis, log), REDIS_PREFIX, settings.ttlSeconds)
    : new MemoryApqStore(settings.ttlSeconds * 1000, MEMORY_APQ_MAX_CHARS);
  const mode: DocumentMode = { kind: 'automatic', store };
  return {
    resolver: createDocumentResolver(mode),
    persistedQueries: 'automatic',
    store: redis ? 'redis' : 'memory',
    trustedCount: undefined,
    close: () => store.close(),
  };
}
