import { request } from 'node:http';
import type { TestTarget } from '../../support/test-database';
import type { GraphQLResponse, TestUser } from '../../support/test-server';
import { createProject, createTask, errorOf, ok, TASK_FIELDS } from '../../support/api';
import { markExercised } from '../../support/protections';
import { useProductionServer } from '../../support/use-test-server';
import { expectNoLeak } from './production-surface.cases';

/** A query `depth` fields deep: me > projects > nodes > tasks > nodes > project > tasks > … */
export function deepQuery(depth: number): string {
  const cycle = ['tasks', 'nodes', 'project'];
  const levels = ['me', 'projects', 'nodes'];
  while (levels.length < depth - 1) levels.push(cycle[(levels.length - 3) % 3]!);
  const path = levels.slice(0, depth - 1);
  return `{ ${path.map((field) => `${field} {`).join(' ')} __typename ${'}'.repeat(path.length)} }`;
}

function expectLimit(res: GraphQLResponse<unknown>, limit: string, message: RegExp | string) {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeUndefined();
  const error = res.body.errors!.find((e) => e.extensions?.limit === limit);
  expect(error?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(error?.message).toMatch(message);
  expectNoLeak(JSON.stringify(res.body));
}

/** Streams `total` bytes without a length; resolves with the answer and how much went out. */
function streamBody(url: string, token: string, total: number) {
  return new Promise<{ status: number; text: string; sent: number }>((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let answered = false;
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString(), sent });
          req.destroy();
        });
      },
    );
    // The server closing mid-upload is expected; only an error before any answer is not.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

export function operationLimitCases(target: TestTarget): void {
  describe('operation limits', () => {
    let user: TestUser;
    const held = (protection: string) => markExercised(protection, target.name);
    const server = useProductionServer(target);
    beforeAll(async () => {
      user = await server.user();
    });

    describe('aliases', () => {
      it('should answer 15 aliases and refuse 101', async () => {
        const aliases = (n: number, field: string) =>
          `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
        ok(await user.gql(aliases(15, 'me { id }')));
        expectLimit(
          await user.gql(aliases(101, 'me { id }')),
          'aliases',
          'Aliases limit of 15 exceeded, found 101.',
        );
        expectLimit(await user.gql(aliases(101, '__typename')), 'aliases', /found 101/);
        held('alias overloading (max 15)');
      });
    });

    describe('batching', () => {
      it('should refuse a JSON array of operations with 400', async () => {
        const res = await server.post([{ query: '{ me { id } }' }, { query: '{ me { id } }' }], {
          authorization: `Bearer ${user.token}`,
        });
        expectLimit(res, 'batch', 'Batched requests are not accepted: send one operation.');
        held('batched requests refused');
      });
    });

    describe('depth', () => {
      it('should answer depth 7 and 8 and refuse depth 9', async () => {
        ok(await user.gql(deepQuery(7)));
        ok(await user.gql(deepQuery(8)));
        expectLimit(
          await user.gql(deepQuery(9)),
          'depth',
          'Query depth limit of 8 exceeded, found 9.',
        );
        held('depth limit (max 8)');
      });

      it('should count depth through fragments, one named __schema included', async () => {
        const nested = `{ ...__schema }
          fragment __schema on Query { me { projects { nodes { ...P } } } }
          fragment P on Project { tasks { nodes { ... on Task { project { tasks { nodes { id } } } } } } }`;
        expectLimit(await user.gql(nested), 'depth', /found 9/);
        held('introspection-named fragment does not bypass limits');
      });
    });

    describe('fragments', () => {
      it('should refuse circular fragments quickly', async () => {
        const started = Date.now();
        for (const query of [
          '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }',
          '{ tasks { nodes { ...T } } } fragment T on Task { project { tasks { nodes { ...T } } } }',
        ]) {
          const res = await user.gql(query);
          expect(res.status).toBe(400);
          expect(res.body.errors!.some((e) => /Cannot spread fragment/.test(e.message))).toBe(true);
        }
        expect(Date.now() - started).toBeLessThan(2000);
        held('circular fragments refused');
      });

      it('should bill fragments that fan out by what they expand to', async () => {
        const levels = Array.from(
          { length: 14 },
          (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
        );
        const query = `{ ...F0 } ${levels.join(' ')} fragment F14 on Query { me { id } }`;
        expectLimit(await user.gql(query), 'cost', /Query cost \d+ exceeds the limit of 20000/);
        held('fragment fan-out costed');
      });
    });

    describe('field repeats', () => {
      const copies = (n: number, selection: string) => Array(n).fill(selection).join(' ');

      it('should answer 20 copies of a field and refuse 21 and graphql-cop field duplication', async () => {
        expect(ok(await user.gql(`{ ${copies(20, 'me { id }')} }`)).me.id).toBe(user.id);
        expectLimit(
          await user.gql(`{ ${copies(21, 'me { id }')} }`),
          'field_repeats',
          'The field "me" is asked 21 times in one place; at most 20 may merge there.',
        );
        expectLimit(
          await user.gql(`query cop { ${copies(500, '__typename')} }`),
          'field_repeats',
          /"__typename" is asked 500 times/,
        );
        expect(server.log.events('limit_rejected').at(-1)).toMatchObject({
          limit: 'field_repeats',
          requestId: expect.any(String),
        });
        held('field duplication (max 20 per path)');
      });

      it('should multiply nested repeats and count fields brought by fragments', async () => {
        // Five `me` of five `id` each: 25 `id` merge into me.id.
        expectLimit(
          await user.gql(`{ ${copies(5, `me { ${copies(5, 'id')} }`)} }`),
          'field_repeats',
          /"me\.id" is asked 25 times/,
        );
        expectLimit(
          await user.gql(`{ ${copies(21, '... on Query { me { id } }')} }`),
          'field_repeats',
          /"me" is asked 21 times/,
        );
        const names = Array.from({ length: 21 }, (_, i) => `F${i}`);
        expectLimit(
          await user.gql(
            `{ ${names.map((n) => `...${n}`).join(' ')} } ` +
              names.map((n) => `fragment ${n} on Query { me { id } }`).join(' '),
          ),
          'field_repeats',
          /"me" is asked 21 times/,
        );
        // One fragment spread many times merges once, as graphql-js merges it.
        const once = `{ tasks { nodes { ${copies(30, '...T')} } } } fragment T on Task { id title }`;
        expect(ok(await user.gql(once)).tasks.nodes).toEqual([]);
      });

      it('should refuse fragments that expand past 20,000 fields, quickly', async () => {
        // Each level spreads the one below in two places: 2^16 copies of the innermost fields.
        const levels = Array.from(
          { length: 16 },
          (_, i) =>
            `fragment F${i} on Task { project { tasks { nodes { ...F${i + 1} } } } ` +
            `tags { tasks { nodes { ...F${i + 1} } } } }`,
        );
        const query = `{ tasks { nodes { ...F0 } } } ${levels.join(' ')} fragment F16 on Task { id }`;
        const started = Date.now();
        expectLimit(
          await user.gql(query),
          'expanded_fields',
          'The document expands to more than 20000 fields once its fragments are spread.',
        );
        expect(Date.now() - started).toBeLessThan(2000);
        held('fragment expansion bounded before validation');
      });
    });

    describe('directives', () => {
      it('should answer 10 directives and refuse 51', async () => {
        const fields = (n: number) =>
          Array.from({ length: n }, (_, i) => `f${i}: id @include(if: true)`).join(' ');
        expect(ok(await user.gql(`{ me { ${fields(10)} } }`)).me.f9).toBe(user.id);
        expectLimit(
          await user.gql(`{ me { id ${'@skip(if: false) '.repeat(51)}} }`),
          'directives',
          'Directives limit of 50 exceeded, found 51.',
        );
        held('directive overloading (max 50)');
      });

      it('should refuse a thousand duplicated or unknown directives', async () => {
        for (const directive of ['@include(if: true)', '@skip(if: false)', '@aa', '@x(y: 1)']) {
          const res = await user.gql(`{ me { id ${`${directive} `.repeat(1000)}} }`);
          expect(res.status).toBe(400);
          expect(res.body.data).toBeUndefined();
          expect(res.body.errors!.length).toBeLessThanOrEqual(101);
          expectNoLeak(JSON.stringify(res.body));
        }
        held('1000 directives refused');
      });
    });

    describe('tokens and validation errors', () => {
      it('should stop parsing a 5000-token document', async () => {
        const res = await user.gql(`{ me { ${'id '.repeat(4996)}} }`);
        expect(res.status).toBe(400);
        expect(errorOf(res, 'GRAPHQL_PARSE_FAILED').message).toMatch(
          /Document contains more that 2000 tokens/,
        );
        held('token limit (max 2000)');
      });

      it('should report at most 100 validation errors', async () => {
        const fields = Array.from({ length: 150 }, (_, i) => `nope${i}`).join(' ');
        const res = await user.gql(`{ ${fields} }`);
        expect(res.status).toBe(400);
        expect(res.body.errors).toHaveLength(101);
        expect(res.body.errors!.at(-1)!.message).toMatch(/Too many validation errors/);
        held('validation error cap (max 100)');
      });
    });

    describe('cost', () => {
      it("should answer the contract's normal queries", async () => {
        const project = await createProject(user);
        await createTask(user, { projectId: project.id });
        ok(await user.gql('{ tasks(first: 100) { nodes { project { name } tags { name } } } }'));
        ok(await user.gql(`{ tasks(first: 100) { totalCount nodes { ${TASK_FIELDS} } } }`));
        ok(
          await user.gql(
            '{ projects(first: 20) { nodes { name tasks(first: 20) { nodes { id title } } } } }',
          ),
        );
      });

      it('should refuse first: 100 three lists deep, literal or from variables', async () => {
        const deep = (first: string) =>
          `{ projects(first: ${first}) { nodes { tasks(first: ${first}) { nodes { tags {
            tasks(first: ${first}) { nodes { id } } } } } } } }`;
        expectLimit(
          await user.gql(deep('100')),
          'cost',
          /Query cost \d+ exceeds the limit of 20000/,
        );
        expectLimit(
          await user.gql(`query($n: Int) ${deep('$n')}`, { n: 1 }),
          'cost',
          /exceeds the limit/,
        );
        held('cost limit (first multiplies lists)');
      });
    });

    describe('body size', () => {
      it('should answer a 200 KB document with 413', async () => {
        const query = `{ me { id } } # ${'x'.repeat(200 * 1024)}`;
        const res = await user.gql(query);
        expect(res.status).toBe(413);
        errorOf(res, 'PAYLOAD_TOO_LARGE');
        held('body limit (100 KB)');
      });

      it('should refuse a 60 MB stream without reading it, and keep serving', async () => {
        const upload = streamBody(server.url, user.token, 60 * 1024 * 1024);
        const started = Date.now();
        const meanwhile = await user.gql('{ me { id } }');
        expect(ok(meanwhile).me.id).toBe(user.id);
        expect(Date.now() - started).toBeLessThan(2000);
        const res = await upload;
        expect(res.status).toBe(413);
        expect(JSON.parse(res.text).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
        expect(res.sent).toBeLessThan(60 * 1024 * 1024);
        expect(ok(await user.gql('{ me { id } }')).me.id).toBe(user.id);
        held('60 MB streamed body refused, server responsive');
      });
    });
  });

  describe('operation limits with MAX_BATCH=2', () => {
    let user: TestUser;
    const server = useProductionServer(target, { MAX_BATCH: '2' });
    beforeAll(async () => {
      user = await server.user();
    });

    it('should answer a batch of up to 2 and refuse 3 or none', async () => {
      const auth = { authorization: `Bearer ${user.token}` };
      const op = { query: '{ me { id } }' };
      const two = await server.post([op, op], auth);
      expect(two.status).toBe(200);
      expect(two.body).toEqual([
        { data: { me: { id: user.id } } },
        { data: { me: { id: user.id } } },
      ]);
      expectLimit(
        await server.post([op, op, op], auth),
        'batch',
        'A batch may hold 1 to 2 operations.',
      );
      expectLimit(await server.post([], auth), 'batch', /1 to 2/);
      markExercised('batch size (MAX_BATCH)', target.name);
    });
  });
}
