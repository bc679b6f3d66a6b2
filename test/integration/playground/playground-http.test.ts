import { parse, validate, buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER_ACCEPT, getPage } from '../../support/page-request';
import { assetLinks, playgroundSettings } from '../../support/playground-settings';
import { TEST_TARGETS } from '../../support/test-database';
import { useProductionServer, useTestServer } from '../../support/use-test-server';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";
const CONTENT_TYPES: Record<string, RegExp> = {
  '.js': /^text\/javascript; charset=utf-8$/,
  '.css': /^text\/css; charset=utf-8$/,
};
const INTROSPECTION = '{ __schema { queryType { name } } }';
const schema = buildSchema(readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8'));

describe.each(TEST_TARGETS)('playground over HTTP on $name', (target) => {
  describe('in development', () => {
    const server = useTestServer(target, { NODE_ENV: 'development' });

    const page = (headers: Record<string, string> = {}) =>
      getPage(server.url, { accept: BROWSER_ACCEPT, ...headers });

    it('should serve GraphiQL to a browser without a token, under a strict CSP', async () => {
      const res = await page();
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(CSP);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-frame-options']).toBe('DENY');
      const html = res.body.toString('utf8');
      expect(html).toContain('<div id="graphiql">');
      // Offline: the page names no other origin and has no inline script to run.
      expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
      expect(html.match(/<script(?![^>]*(?:src=|type="application\/json"))/g)).toBeNull();
    });

    it("should pre-fill the Authorization header with the app's dev token", async () => {
      const settings = playgroundSettings((await page()).body.toString('utf8'));
      expect(server.app.devToken).toEqual(expect.any(String));
      expect(JSON.parse(settings.headers)).toEqual({
        Authorization: `Bearer ${server.app.devToken}`,
      });
      expect(settings.endpoint).toBe('/graphql');
      const me = await server.post(
        { query: '{ me { id email } }' },
        { authorization: `Bearer ${server.app.devToken}` },
      );
      expect(me.body).toEqual({ data: { me: { id: 'demo-user', email: 'demo@example.com' } } });
    });

    it('should offer example operations that are valid against the schema', async () => {
      const { tabs } = playgroundSettings((await page()).body.toString('utf8'));
      expect(tabs.length).toBeGreaterThanOrEqual(3);
      for (const tab of tabs) {
        expect(validate(schema, parse(tab.query))).toEqual([]);
        if (tab.variables) expect(() => JSON.parse(tab.variables!)).not.toThrow();
      }
    });

    it('should still require a token for POSTs and for GETs carrying a query', async () => {
      const post = await server.post({ query: '{ me { id } }' });
      expect(post.status).toBe(401);
      const get = await getPage(`${server.url}?query=${encodeURIComponent('{ me { id } }')}`, {
        accept: BROWSER_ACCEPT,
      });
      expect(get.status).toBe(401);
      expect(get.headers['content-type']).toMatch(/^application\/json/);
    });

    it('should answer a request for JSON, not HTML, as the API does', async () => {
      const res = await getPage(server.url, { accept: 'application/json' });
      expect(res.status).toBe(401);
    });

    it('should not hand the page to a request naming another host (DNS rebinding)', async () => {
      const port = new URL(server.url).port;
      const res = await page({ host: `rebound.example:${port}` });
      expect(res.status).toBe(401);
      expect(res.body.toString('utf8')).not.toContain(server.app.devToken!);
      expect((await page({ host: `127.0.0.1:${port}` })).status).toBe(200);
    });

    it('should serve each linked asset with its content type and a year of caching', async () => {
      const links = assetLinks((await page()).body.toString('utf8'));
      expect(links).toHaveLength(7);
      for (const link of links) {
        const res = await getPage(new URL(link, server.url).toString());
        expect(res.status).toBe(200);
        const extension = /\.(js|css)\?/.exec(link)![0].slice(0, -1);
        expect(res.headers['content-type']).toMatch(CONTENT_TYPES[extension]!);
        expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(Number(res.headers['content-length'])).toBe(res.body.length);
        expect(res.body.length).toBeGreaterThan(0);
      }
    });

    it('should serve nothing outside the allow-list of assets', async () => {
      for (const path of [
        '/playground/assets/graphiql.js',
        '/playground/assets/../../package.json',
        '/playground/assets/%2e%2e/%2e%2e/package.json',
        '/playground/assets/',
        '/playground/',
        '/node_modules/graphiql/graphiql.min.js',
      ]) {
        const res = await getPage(new URL(path, server.url).toString());
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
    });
  });

  describe('in production', () => {
    const server = useProductionServer(target);

    it('should mint no dev token and serve no page or assets', async () => {
      expect(server.app.devToken).toBeUndefined();
      const res = await getPage(server.url, { accept: BROWSER_ACCEPT });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const asset = await getPage(new URL('/playground/assets/graphiql.min.js', server.url).href);
      expect(asset.status).toBe(404);
    });

    it('should refuse introspection, even to a signed-in user', async () => {
      const user = await server.user();
      const res = await user.gql(INTROSPECTION);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0]?.message).toBe('Introspection is disabled.');
    });
  });

  describe('in production with STAGING_PLAYGROUND', () => {
    const server = useProductionServer(target, { STAGING_PLAYGROUND: 'true' });

    it('should serve GraphiQL under the strict CSP, with no token in it', async () => {
      expect(server.app.devToken).toBeUndefined();
      const res = await getPage(server.url, { accept: BROWSER_ACCEPT });
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toBe(CSP);
      const settings = playgroundSettings(res.body.toString('utf8'));
      expect(JSON.parse(settings.headers)).toEqual({
        Authorization: 'Bearer paste-your-token-here',
      });
      const asset = await getPage(
        new URL(assetLinks(res.body.toString('utf8'))[2]!, server.url).href,
      );
      expect(asset.status).toBe(200);
    });

    it('should answer introspection to a signed-in user only', async () => {
      const user = await server.user();
      const res = await user.gql(INTROSPECTION);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      expect((res.body.data as any).__schema.queryType.name).toBe('Query');
      const anonymous = await server.post({ query: INTROSPECTION });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.data).toBeUndefined();
    });

    it("should still hide one user's rows from another through the playground's endpoint", async () => {
      const alice = await server.user();
      const bob = await server.user();
      const created = await alice.gql(
        'mutation { createTask(input: { title: "alice only" }) { id } }',
      );
      const id = created.body.data!.createTask.id;
      const seen = await bob.gql('query($id: ID!) { task(id: $id) { id } }', { id });
      expect(seen.body.data).toEqual({ task: null });
    });
  });
});
