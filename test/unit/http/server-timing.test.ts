import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { reportServerTiming, ServerTiming } from '../../../src/http/server-timing';
import { parseServerTiming } from '../../support/server-timing';

describe('ServerTiming', () => {
  it('should sum auth, open and db time, count the round trips, and total since creation', () => {
    const timing = new ServerTiming();
    timing.addAuth(0.25);
    timing.addAuth(0.5);
    timing.addOpen(1);
    timing.addDb(1);
    timing.addDb(0.125);
    timing.addDb(2);
    timing.addPoolWait(0.5);
    const parsed = parseServerTiming(timing.header());
    expect(parsed.auth).toEqual({ dur: 0.75 });
    expect(parsed.open).toEqual({ dur: 1 });
    expect(parsed.db).toEqual({ dur: 3.13, desc: '3' });
    expect(parsed.pool).toEqual({ dur: 0.5 });
    expect(parsed.total!.dur).toBeGreaterThanOrEqual(0);
  });

  it('should write milliseconds with two decimals', () => {
    expect(new ServerTiming().header()).toMatch(
      /^auth;dur=0\.00, open;dur=0\.00, db;dur=0\.00;desc="0", pool;dur=0\.00, total;dur=\d+\.\d{2}$/,
    );
  });
});

describe('reportServerTiming', () => {
  let server: Server;
  let url: string;
  const handlers: Record<string, (res: import('node:http').ServerResponse) => void> = {
    '/explicit': (res) => res.writeHead(201, { 'content-type': 'text/plain' }).end('x'),
    '/implicit': (res) => res.end('x'),
    '/headers-object': (res) => {
      res.setHeader('x-kept', 'yes');
      res.writeHead(200, { 'x-also': 'yes' });
      res.end();
    },
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const timing = new ServerTiming();
      timing.addDb(1.5);
      reportServerTiming(res, timing);
      handlers[req.url!]!(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(Object.keys(handlers))('should add the header to a head written by %s', async (path) => {
    const res = await fetch(url + path);
    const timing = parseServerTiming(res.headers.get('server-timing'));
    expect(timing.db).toEqual({ dur: 1.5, desc: '1' });
    if (path === '/headers-object') {
      expect(res.headers.get('x-kept')).toBe('yes');
      expect(res.headers.get('x-also')).toBe('yes');
    }
  });
});
