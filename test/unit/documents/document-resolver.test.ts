import pino from 'pino';
import { MemoryApqStore, type ApqStore } from '../../../src/documents/apq-store';
import { documentHash } from '../../../src/documents/document-hash';
import { createDocumentResolver } from '../../../src/documents/document-resolver';
import { resolveHttpDocuments } from '../../../src/documents/http-documents';
import { parseTrustedDocuments } from '../../../src/documents/trusted-manifest';

const log = pino({ level: 'silent' });
const QUERY = '{ me { id } }';
const HASH = documentHash(QUERY);
const ref = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { extensions?: { code?: string } }) => error.extensions?.code,
  );

describe('automatic persisted queries', () => {
  const resolver = () =>
    createDocumentResolver({ kind: 'automatic', store: new MemoryApqStore(60_000, 10_000) });

  it('should answer PERSISTED_QUERY_NOT_FOUND for a hash not registered yet', async () => {
    expect(await codeOf(resolver().resolve({ extensions: ref(HASH) }, 'alice', log))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  it('should register a text with its hash, then resolve the hash alone to it', async () => {
    const r = resolver();
    const registered = await r.resolve({ query: QUERY, extensions: ref(HASH) }, 'alice', log);
    expect(registered).toEqual({ query: QUERY });
    const byHash = await r.resolve(
      { extensions: { ...ref(HASH), other: 1 }, variables: { a: 1 } },
      'alice',
      log,
    );
    expect(byHash).toEqual({ query: QUERY, variables: { a: 1 }, extensions: { other: 1 } });
  });

  it('should refuse a hash that is not the text sha256 and store nothing', async () => {
    const r = resolver();
    const wrong = documentHash('{ __typename }');
    expect(await codeOf(r.resolve({ query: QUERY, extensions: ref(wrong) }, 'alice', log))).toBe(
      'PERSISTED_QUERY_HASH_MISMATCH',
    );
    expect(await codeOf(r.resolve({ extensions: ref(wrong) }, 'alice', log))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  it('should never resolve a hash another user registered', async () => {
    const r = resolver();
    await r.resolve({ query: QUERY, extensions: ref(HASH) }, 'alice', log);
    expect(await codeOf(r.resolve({ extensions: ref(HASH) }, 'bob', log))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  it('should refuse another version or a hash that is no string with BAD_REQUEST', async () => {
    const r = resolver();
    for (const extensions of [
      { persistedQuery: { version: 2, sha256Hash: HASH } },
      { persistedQuery: { version: 1, sha256Hash: 42 } },
      { persistedQuery: { version: 1, sha256Hash: 'x'.repeat(200) } },
      { persistedQuery: null },
    ]) {
      expect(await codeOf(r.resolve({ query: QUERY, extensions }, 'alice', log))).toBe(
        'BAD_REQUEST',
      );
    }
  });

  it('should read a failing store as a miss and still run a text it cannot store', async () => {
    const broken: ApqStore = {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
      close: async () => undefined,
    };
    const r = createDocumentResolver({ kind: 'automatic', store: broken });
    expect(await codeOf(r.resolve({ extensions: ref(HASH) }, 'alice', log))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect(await r.resolve({ query: QUERY, extensions: ref(HASH) }, 'alice', log)).toEqual({
      query: QUERY,
    });
  });

  it('should resolve every operation of a batch and a GET query string', async () => {
    const r = resolver();
    await r.resolve({ query: QUERY, extensions: ref(HASH) }, 'alice', log);
    const batch = await resolveHttpDocuments(
      r,
      {
        method: 'POST',
        body: [{ extensions: ref(HASH) }, { query: '{ __typename }' }],
        search: '',
      },
      'alice',
      log,
    );
    expect(batch.body).toEqual([{ query: QUERY }, { query: '{ __typename }' }]);
    const search = `?extensions=${encodeURIComponent(JSON.stringify(ref(HASH)))}&variables=%7B%7D`;
    const get = await resolveHttpDocuments(r, { method: 'GET', body: '', search }, 'alice', log);
    const params = new URLSearchParams(get.search);
    expect(params.get('query')).toBe(QUERY);
    expect(params.get('extensions')).toBeNull();
    expect(params.get('variables')).toBe('{}');
  });
});

describe('MemoryApqStore', () => {
  it('should drop the least recently used texts past its bound', async () => {
    const store = new MemoryApqStore(60_000, 10);
    await store.set('u', 'a', 'aaaa');
    await store.set('u', 'b', 'bbbb');
    await store.get('u', 'a');
    await store.set('u', 'c', 'cccc');
    expect(store.size).toBeLessThanOrEqual(10);
    expect(await store.get('u', 'b')).toBeUndefined();
    expect(await store.get('u', 'a')).toBe('aaaa');
    expect(await store.get('u', 'c')).toBe('cccc');
    await store.set('u', 'big', 'x'.repeat(11));
    expect(await store.get('u', 'big')).toBeUndefined();
  });

  it('should forget a text once its TTL has passed', async () => {
    let now = 1000;
    const store = new MemoryApqStore(500, 100, () => now);
    await store.set('u', 'a', 'text');
    now = 1499;
    expect(await store.get('u', 'a')).toBe('text');
    now = 1500;
    expect(await store.get('u', 'a')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});

describe('trusted documents', () => {
  const LISTED = 'query Me {\n  me {\n    id\n  }\n}';
  const trusted = parseTrustedDocuments(
    'manifest.json',
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: 'me-id', name: 'Me', type: 'query', body: LISTED }],
    }),
  );
  const resolver = createDocumentResolver({ kind: 'trusted', trusted });

  it('should resolve a listed id to its text', async () => {
    expect(await resolver.resolve({ extensions: ref('me-id') }, 'alice', log)).toEqual({
      query: LISTED,
    });
  });

  it('should run a listed text sent as text, with or without its id', async () => {
    expect(await resolver.resolve({ query: LISTED }, 'alice', log)).toEqual({ query: LISTED });
    expect(await resolver.resolve({ query: LISTED, extensions: ref('me-id') }, 'a', log)).toEqual({
      query: LISTED,
    });
  });

  it('should refuse every other document, by text, by unknown id or with a wrong id', async () => {
    expect(await codeOf(resolver.resolve({ query: QUERY }, 'alice', log))).toBe(
      'PERSISTED_QUERY_NOT_IN_LIST',
    );
    expect(await codeOf(resolver.resolve({ query: 42 }, 'alice', log))).toBe(
      'PERSISTED_QUERY_NOT_IN_LIST',
    );
    expect(await codeOf(resolver.resolve({ extensions: ref(HASH) }, 'alice', log))).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect(await codeOf(resolver.resolve({ query: QUERY, extensions: ref(HASH) }, 'a', log))).toBe(
      'PERSISTED_QUERY_NOT_IN_LIST',
    );
    expect(
      await codeOf(resolver.resolve({ query: QUERY, extensions: ref('me-id') }, 'a', log)),
    ).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('should tell a listed text from any other for the second check', () => {
    expect(resolver.isTrusted(LISTED)).toBe(true);
    expect(resolver.isTrusted(`${LISTED} `)).toBe(false);
    expect(resolver.isTrusted(undefined)).toBe(false);
  });
});
