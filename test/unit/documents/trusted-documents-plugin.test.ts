import { ApolloServer } from '@apollo/server';
import { createDocumentResolver } from '../../../src/documents/document-resolver';
import { trustedDocumentsPlugin } from '../../../src/plugins/trusted-documents.plugin';
import { parseTrustedDocuments } from '../../../src/documents/trusted-manifest';

describe('trusted documents inside Apollo', () => {
  const trusted = parseTrustedDocuments('m.json', JSON.stringify({ id1: '{ a }' }));
  const apollo = new ApolloServer({
    typeDefs: 'type Query { a: String }',
    resolvers: { Query: { a: () => 'ran' } },
    plugins: [trustedDocumentsPlugin(createDocumentResolver({ kind: 'trusted', trusted }))],
  });
  beforeAll(() => apollo.start());
  afterAll(() => apollo.stop());

  it('should run a listed text', async () => {
    const res = await apollo.executeOperation({ query: '{ a }' });
    expect(res.body).toMatchObject({ singleResult: { data: { a: 'ran' } } });
  });

  it('should refuse any other text that reached Apollo, before it runs', async () => {
    const res = await apollo.executeOperation({ query: '{ a __typename }' });
    expect(res.http.status).toBe(400);
    expect(res.body).toMatchObject({
      singleResult: { errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }] },
    });
    expect(res.body.kind === 'single' && res.body.singleResult.data).toBeUndefined();
  });
});
