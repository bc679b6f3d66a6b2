import type { IncomingMessage, ServerResponse } from 'node:http';
import pino from 'pino';
import { createReadyRoute } from '../../../src/http/ready.route';

function call(route: ReturnType<typeof createReadyRoute>) {
  let status = 0;
  let body = '';
  const res = {
    writeHead(code: number) {
      status = code;
      return res;
    },
    end(text: string) {
      body = text;
    },
  } as unknown as ServerResponse;
  const url = new URL('http://localhost/readyz');
  return Promise.resolve(route({ method: 'GET' } as IncomingMessage, res, url)).then(() => ({
    status,
    body: JSON.parse(body),
  }));
}

const log = pino({ level: 'silent' });

describe('createReadyRoute', () => {
  it('should answer 503 while draining without asking the database', async () => {
    const isReady = jest.fn(async () => true);
    const route = createReadyRoute({ isReady, isDraining: () => true, log });
    expect(await call(route)).toEqual({ status: 503, body: { status: 'unavailable' } });
    expect(isReady).not.toHaveBeenCalled();
  });

  it('should answer 503 and keep the reason to the log when the check throws', async () => {
    const isReady = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432 (password authentication failed)');
    };
    const route = createReadyRoute({ isReady, isDraining: () => false, log });
    expect(await call(route)).toEqual({ status: 503, body: { status: 'unavailable' } });
  });

  it('should answer 200 when ready and not draining', async () => {
    const route = createReadyRoute({ isReady: async () => true, isDraining: () => false, log });
    expect(await call(route)).toEqual({ status: 200, body: { status: 'ready' } });
  });
});
