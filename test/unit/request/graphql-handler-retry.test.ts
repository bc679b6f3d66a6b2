import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import pino from 'pino';
import type { RequestContext } from '../../../src/request/request-context';
import { createGraphQLHandler } from '../../../src/request/graphql-handler';

/** A request context whose transaction reports a conflict on the runs listed. */
function fakeContexts(conflictedRuns: readonly number[]) {
  const events: string[] = [];
  const reopenedFrom: number[] = [];
  let made = 0;
  let authenticated = 0;
  const open = () => {
    made += 1;
    const run = made;
    events.push(`open ${run}`);
    return {
      tx: {
        conflicted: conflictedRuns.includes(run),
        commit: async () => void events.push(`commit ${run}`),
        rollback: async () => void events.push(`rollback ${run}`),
      },
      run,
    } as unknown as RequestContext;
  };
  const createContext = async () => {
    authenticated += 1;
    return open();
  };
  const reopenContext = async (_request: unknown, previous: RequestContext) => {
    reopenedFrom.push((previous as unknown as { run: number }).run);
    return open();
  };
  const apollo = {
    async executeHTTPGraphQLRequest({ context }: { context: () => Promise<RequestContext> }) {
      const { run } = (await context()) as unknown as { run: number };
      events.push(`execute ${run}`);
      return {
        status: 200,
        headers: new HeaderMap([['content-type', 'application/json']]),
        body: { kind: 'complete', string: JSON.stringify({ data: { run } }) },
      };
    },
  } as unknown as ApolloServer<RequestContext>;
  return {
    events,
    createContext,
    reopenContext,
    apollo,
    authentications: () => authenticated,
    reopenedFrom,
  };
}

async function serve(conflictedRuns: readonly number[]) {
  const fake = fakeContexts(conflictedRuns);
  const handler = createGraphQLHandler({
    apollo: fake.apollo,
    createContext: fake.createContext,
    reopenContext: fake.reopenContext,
    log: pino({ level: 'silent' }),
  });
  const server: Server = createServer((req, res) => {
    void handler(req, res, new URL(req.url ?? '/', 'http://localhost'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { x }' }),
  });
  const body = await res.json();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    body,
    events: fake.events,
    authentications: fake.authentications(),
    reopenedFrom: fake.reopenedFrom,
  };
}

describe('the GraphQL handler and concurrent changes', () => {
  it('should commit a run that met no conflict, once', async () => {
    const { body, events } = await serve([]);
    expect(body).toEqual({ data: { run: 1 } });
    expect(events).toEqual(['open 1', 'execute 1', 'commit 1']);
  });

  it('should roll back a conflicted run and answer from a fresh one', async () => {
    const { body, events } = await serve([1]);
    expect(body).toEqual({ data: { run: 2 } });
    expect(events).toEqual([
      'open 1',
      'execute 1',
      'rollback 1',
      'open 2',
      'execute 2',
      'commit 2',
    ]);
  });

  it('should stop after three runs and answer the last', async () => {
    const { body, events } = await serve([1, 2, 3, 4]);
    expect(body).toEqual({ data: { run: 3 } });
    expect(events.filter((e) => e.startsWith('execute'))).toHaveLength(3);
    expect(events.at(-1)).toBe('commit 3');
  });

  it('should authenticate a request once, however often it runs', async () => {
    // A DPoP proof is good for one use and each authentication charges the rate limits.
    const { authentications, reopenedFrom } = await serve([1, 2]);
    expect(authentications).toBe(1);
    expect(reopenedFrom).toEqual([1, 2]);
  });
});
