import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { captureLog } from '../../support/log-capture';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer, TEST_SECRET } from '../../support/test-server';
import { useTestServer } from '../../support/use-test-server';

/** Every attribute key a span of ours may carry: anything else is a leak waiting to happen. */
const ALLOWED_ATTRIBUTES = new Set([
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'url.scheme',
  'graphql.operation.type',
  'graphql.operation.name',
  'graphql.error.codes',
  'db.system.name',
  'db.operation.name',
  'auth.failure_reason',
  'error.type',
]);

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;

/** The spans of the next request's trace, once its HTTP span (ended on close) is in. */
async function traceOf(exporter: InMemorySpanExporter): Promise<ReadableSpan[]> {
  for (let i = 0; i < 100; i += 1) {
    const root = exporter.getFinishedSpans().find((span) => parentOf(span) === undefined);
    if (root) {
      const traceId = root.spanContext().traceId;
      return exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no HTTP span was exported');
}

const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) =>
  spans.filter((span) => parentOf(span) === idOf(parent)).map((span) => span.name);

describe.each(TEST_TARGETS)('Tracing on $name', (target) => {
  const exporter = new InMemorySpanExporter();
  const server = useTestServer(target, {}, { traceExporter: exporter });
  beforeEach(() => exporter.reset());

  it('should trace a request as HTTP → authentication, opening, operation → its statements, commit', async () => {
    const alice = await server.user();
    const res = await alice.gql(
      'query Tasks { tasks(first: 5) { totalCount } projects { totalCount } }',
    );
    expect(res.status).toBe(200);
    const spans = await traceOf(exporter);
    const root = spans.find((span) => parentOf(span) === undefined)!;
    expect(root.name).toBe('POST /graphql');
    expect(root.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/graphql',
      'http.response.status_code': 200,
    });
    expect(childrenOf(spans, root)).toEqual(['authenticate', 'BEGIN', 'query Tasks', 'COMMIT']);
    const operation = spans.find((span) => span.name === 'query Tasks')!;
    expect(operation.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Tasks',
    });
    const statements = childrenOf(spans, operation);
    expect(statements.length).toBeGreaterThan(0);
    expect(new Set(statements)).toEqual(new Set(['SELECT']));
    for (const span of spans.filter((s) => s.attributes['db.system.name'])) {
      expect(span.attributes['db.system.name']).toBe('postgresql');
    }
  });

  it('should trace a lone compiled read sent with its opening as one statement, with no COMMIT', async () => {
    const alice = await server.user();
    const query = 'query Count { tasks(first: 5) { totalCount } }';
    // The first run prepares the statements on the connection; the second sends them as one.
    expect((await alice.gql(query)).status).toBe(200);
    exporter.reset();
    expect((await alice.gql(query)).status).toBe(200);
    const spans = await traceOf(exporter);
    const root = spans.find((span) => parentOf(span) === undefined)!;
    expect(childrenOf(spans, root)).toEqual(['authenticate', 'BEGIN', 'query Count']);
    const operation = spans.find((span) => span.name === 'query Count')!;
    expect(childrenOf(spans, operation)).toEqual(['SELECT']);
  });

  it('should mark a refused token on the authentication span, with no database span', async () => {
    const res = await server.post({ query: '{ me { id } }' }, { authorization: 'Bearer a.b.c' });
    expect(res.status).toBe(401);
    const spans = await traceOf(exporter);
    const auth = spans.find((span) => span.name === 'authenticate')!;
    expect(auth.attributes).toMatchObject({
      'error.type': 'UNAUTHENTICATED',
      'auth.failure_reason': expect.any(String),
    });
    expect(auth.status.code).toBe(2);
    expect(spans.map((span) => span.name).sort()).toEqual(['POST /graphql', 'authenticate']);
  });

  it('should name GraphQL error codes on the operation span, never their messages', async () => {
    const alice = await server.user();
    await alice.gql('mutation M($id: ID!) { deleteTask(id: $id) }', { id: 'nope' });
    const spans = await traceOf(exporter);
    const operation = spans.find((span) => span.name === 'mutation M')!;
    expect(operation.attributes['graphql.error.codes']).toEqual(['NOT_FOUND']);
  });

  it('should carry no token, secret or personal data in any span', async () => {
    const sub = `person-${Date.now()}`;
    const alice = await server.user({ sub, email: 'pii.person@example.com', name: 'Pii Person' });
    const bob = await server.user();
    const secret = 'my-private-task-title';
    const created = await alice.gql(
      'mutation Create($input: CreateTaskInput!) { createTask(input: $input) { id } }',
      { input: { title: secret, description: 'about pii.person@example.com' } },
    );
    const id = created.body.data!.createTask.id as string;
    await alice.gql(`{ tasks(filter: { search: "${secret}" }) { totalCount } me { email name } }`);
    await bob.gql('query Foreign($id: ID!) { task(id: $id) { title } }', { id });
    await server.post({ query: '{ me { id } }' }, { authorization: `Bearer ${alice.token}x` });
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(10);
    for (const span of spans) {
      for (const key of Object.keys(span.attributes)) expect(ALLOWED_ATTRIBUTES).toContain(key);
      expect(span.events).toEqual([]);
    }
    const text = JSON.stringify(
      spans.map((span) => ({
        name: span.name,
        attributes: span.attributes,
        status: span.status,
        resource: span.resource.attributes,
        links: span.links,
      })),
    );
    for (const forbidden of [
      alice.token,
      alice.token.split('.')[2]!,
      TEST_SECRET,
      sub,
      bob.id,
      'pii.person',
      'Pii Person',
      secret,
      id,
    ]) {
      expect(text).not.toContain(forbidden);
    }
  });
});

describe('Tracing exported over OTLP/HTTP', () => {
  const pglite = TEST_TARGETS.find((t) => t.name === 'pglite')!;
  let collector: Server;
  const received: { headers: IncomingHttpHeaders; body: string; url: string }[] = [];
  let endpoint: string;
  beforeAll(async () => {
    collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body, url: req.url ?? '' });
        // A collector refusing the key: the export fails, the server says so and serves on.
        const refused = req.headers['x-collector-key'] === 'wrong';
        res.writeHead(refused ? 401 : 200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => collector.close(resolve)));

  it('should send spans to OTEL_EXPORTER_OTLP_ENDPOINT with its headers, flushed on close', async () => {
    const server = await startTestServer(pglite, {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=k%20one',
      OTEL_SERVICE_NAME: 'task-api-test',
    });
    const alice = await server.user();
    expect((await alice.gql('query Me { me { id } }')).status).toBe(200);
    await server.close();
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]!.url).toBe('/v1/traces');
    expect(received[0]!.headers['x-collector-key']).toBe('k one');
    const text = received.map((r) => r.body).join('\n');
    expect(text).toContain('task-api-test');
    expect(text).toContain('query Me');
    expect(text).toContain('POST /graphql');
    expect(text).not.toContain(alice.id);
  });

  it('should log a failed export, never failing the request or the shutdown', async () => {
    const log = captureLog('warn');
    const server = await startTestServer(
      pglite,
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-key=wrong',
      },
      { log: log.logger },
    );
    const alice = await server.user();
    expect((await alice.gql('{ me { id } }')).status).toBe(200);
    await server.close();
    expect(log.events('tracing_export_failed').length).toBeGreaterThan(0);
    expect(log.text()).not.toContain('x-collector-key=wrong');
  });
});
