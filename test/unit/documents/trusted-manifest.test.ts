import { buildSchema } from 'graphql';
import { checkTrustedDocuments } from '../../../src/documents/check-trusted-documents';
import {
  parseTrustedDocuments,
  TrustedDocumentsError,
} from '../../../src/documents/trusted-manifest';

const manifest = (operations: unknown[]) =>
  JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations });

const problemsOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TrustedDocumentsError);
    return (error as Error).message;
  }
  throw new Error('expected a TrustedDocumentsError');
};

describe('trusted documents manifest', () => {
  it("should read Apollo's persisted query manifest", () => {
    const trusted = parseTrustedDocuments(
      'm.json',
      manifest([{ id: 'a', name: 'Me', type: 'query', body: '{ me { id } }' }]),
    );
    expect(trusted.byId('a')).toMatchObject({ name: 'Me', type: 'query', body: '{ me { id } }' });
    expect(trusted.byBody('{ me { id } }')?.id).toBe('a');
  });

  it("should read GraphQL Code Generator's persisted documents map", () => {
    const trusted = parseTrustedDocuments('m.json', JSON.stringify({ h1: '{ me { id } }' }));
    expect(trusted.byId('h1')?.body).toBe('{ me { id } }');
  });

  it('should list every problem of a bad manifest, naming the file', () => {
    const message = problemsOf(() =>
      parseTrustedDocuments(
        'bad.json',
        JSON.stringify({
          format: 'apollo-persisted-query-manifest',
          version: 2,
          operations: [{ id: '', body: '' }],
        }),
      ),
    );
    expect(message).toContain('TRUSTED_DOCUMENTS (bad.json)');
    expect(message).toContain('version');
    expect(message).toContain('operations.0.id');
    expect(message).toContain('operations.0.body');
  });

  it('should refuse text that is not JSON, another shape, or an id listed twice', () => {
    expect(problemsOf(() => parseTrustedDocuments('m', '{'))).toContain('not JSON');
    expect(problemsOf(() => parseTrustedDocuments('m', '[1]'))).toContain('expected');
    const twice = manifest([
      { id: 'a', body: '{ a }' },
      { id: 'a', body: '{ b }' },
    ]);
    expect(problemsOf(() => parseTrustedDocuments('m', twice))).toContain('a is listed more');
  });

  it('should refuse at start-up a listed document the schema does not validate', () => {
    const schema = buildSchema('type Query { me: String }');
    const trusted = parseTrustedDocuments(
      'm.json',
      manifest([
        { id: 'ok', name: 'Ok', body: '{ me }' },
        { id: 'gone', name: 'Gone', body: '{ removed }' },
        { id: 'broken', body: '{ me ' },
      ]),
    );
    const message = problemsOf(() => checkTrustedDocuments('m.json', trusted, schema, []));
    expect(message).toContain('Gone (gone): Cannot query field "removed"');
    expect(message).toContain('operation (broken): Syntax Error');
    expect(message).not.toContain('Ok (ok)');
  });
});
