import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { createProject, createTask, ok } from '../../support/api';
import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';
import { TEST_TARGETS } from '../../support/test-database';
import { useProductionServer } from '../../support/use-test-server';

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first answer to subscription `id`: its errors. */
async function refusal(socket: LiveSocket, id: string) {
  const message = await socket.waitFor((m) => m.id === id && m.type !== 'complete');
  expect(message.type).toBe('error');
  return message.payload as { message: string; extensions: Record<string, unknown> }[];
}

/** A client frame: text, masked as RFC 6455 requires of clients. */
function frame(text: string): Buffer {
  const data = Buffer.from(text);
  const mask = randomBytes(4);
  const length =
    data.length < 126
      ? Buffer.from([0x80 | data.length])
      : Buffer.from([0x80 | 126, data.length >> 8, data.length & 0xff]);
  const masked = Buffer.from(data.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x81]), length, mask, masked]);
}

/**
 * A socket that subscribes and then never reads a byte: what a stalled client looks like
 * to the server (ws's own client keeps reading into its buffers).
 */
async function rawSubscriber(url: string, token: string, query: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    [
      'GET /graphql HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Protocol: graphql-transport-ws',
      '',
      '',
    ].join('\r\n'),
  );
  let head = '';
  await new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('connection_ack')) return;
      socket.off('data', onData);
      resolve();
    };
    socket.on('data', onData);
    socket.write(
      frame(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }),
      ),
    );
  });
  socket.write(frame(JSON.stringify({ id: 'heavy', type: 'subscribe', payload: { query } })));
  await settle();
  socket.pause();
  return socket;
}

function metricValue(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe.each(TEST_TARGETS)('subscription limits on $name', (target) => {
  const server = useProductionServer(target, {
    WS_MAX_SUBSCRIPTIONS: '2',
    WS_MAX_SOCKETS_PER_USER: '2',
    WS_MAX_MESSAGE_BYTES: '16384',
    WS_MAX_BUFFERED_BYTES: '65536',
    WS_KEEPALIVE: '300ms',
    MAX_TOKENS: '300',
  });

  describe('documents', () => {
    it('should refuse a subscription over the depth, alias, token or field-repeat limit, as HTTP does', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      const deep =
        'subscription { taskChanged { task { project { tasks { nodes { project { tasks { nodes { id } } } } } } } } }';
      const aliases = `subscription { taskChanged { ${Array.from({ length: 16 }, (_, i) => `a${i}: taskId`).join(' ')} } }`;
      const repeats = `subscription { taskChanged { ${'taskId '.repeat(21)} } }`;
      const tokens = `subscription { taskChanged { ${'__typename '.repeat(300)} } }`;
      const cases: [string, string][] = [
        ['depth', deep],
        ['aliases', aliases],
        ['field_repeats', repeats],
        ['tokens', tokens],
      ];
      for (const [limit, query] of cases) {
        socket.subscribe(limit, query);
        const errors = await refusal(socket, limit);
        expect(errors.find((e) => e.extensions['limit'] === limit)?.extensions['code']).toBe(
          'GRAPHQL_VALIDATION_FAILED',
        );
      }
      const audited = server.log.events('limit_rejected').map((line) => line['limit']);
      expect(audited).toEqual(expect.arrayContaining(cases.map(([limit]) => limit)));
      await socket.close();
    });

    it('should refuse queries and mutations over the socket, and hide suggestions in production', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('q', '{ me { id } }');
      expect((await refusal(socket, 'q'))[0]!.extensions['code']).toBe('BAD_REQUEST');
      socket.subscribe('typo', 'subscription { taskChange { taskId } }');
      const [error] = await refusal(socket, 'typo');
      expect(error!.extensions['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(error!.message).not.toContain('Did you mean');
      await socket.close();
    });
  });

  describe('sockets and subscriptions', () => {
    it('should refuse a subscription past WS_MAX_SUBSCRIPTIONS on one socket, and take one again after a complete', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      socket.subscribe('2', TASK_CHANGED);
      socket.subscribe('3', TASK_CHANGED);
      const [error] = await refusal(socket, '3');
      expect(error!.extensions).toMatchObject({
        code: 'GRAPHQL_VALIDATION_FAILED',
        limit: 'subscriptions',
      });
      socket.complete('1');
      await settle(100);
      socket.subscribe('4', TASK_CHANGED);
      await settle(100);
      await createTask(a);
      await socket.eventsFor('4', 1);
      await socket.close();
    });

    it('should close a socket past WS_MAX_SOCKETS_PER_USER with 4429, and count for no one else', async () => {
      const a = await server.user();
      const b = await server.user();
      const open = [
        await LiveSocket.connect(server.url, a.token),
        await LiveSocket.connect(server.url, a.token),
      ];
      const third = await LiveSocket.open(server.url);
      expect(await third.init({ authorization: `Bearer ${a.token}` })).toEqual({
        code: 4429,
        reason: 'Too many sockets',
      });
      const other = await LiveSocket.connect(server.url, b.token);
      await open[0]!.close();
      await settle(100);
      const again = await LiveSocket.connect(server.url, a.token);
      for (const socket of [open[1]!, other, again]) await socket.close();
      expect(server.log.events('limit_rejected').some((l) => l['limit'] === 'sockets')).toBe(true);
    });

    it('should close a socket sending a message over WS_MAX_MESSAGE_BYTES with 1009', async () => {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('big', `subscription { taskChanged { taskId } } # ${'x'.repeat(20_000)}`);
      expect((await socket.closedWithin()).code).toBe(1009);
    });

    it('should drop a socket that stops answering pings', async () => {
      const a = await server.user();
      const ws = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
        autoPong: false,
      });
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${a.token}` },
        }),
      );
      const code = await new Promise<number>((resolve) => ws.once('close', resolve));
      expect(code).toBe(1006);
    });
  });

  describe('metrics and audit', () => {
    it('should report open sockets, active subscriptions, events sent and closes by reason', async () => {
      const read = async () => server.app.metrics.registry.metrics();
      // Earlier tests' sockets finish closing first.
      let before = await read();
      for (let i = 0; i < 20 && metricValue(before, 'task_api_ws_open_sockets') > 0; i += 1) {
        await settle(100);
        before = await read();
      }
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      await settle(100);
      const during = await read();
      expect(metricValue(during, 'task_api_ws_open_sockets')).toBe(
        metricValue(before, 'task_api_ws_open_sockets') + 1,
      );
      expect(metricValue(during, 'task_api_ws_active_subscriptions')).toBe(
        metricValue(before, 'task_api_ws_active_subscriptions') + 1,
      );
      await createTask(a);
      await socket.eventsFor('1', 1);
      await socket.close();
      const bad = await LiveSocket.open(server.url);
      await bad.init({ authorization: 'Bearer nope' });
      const closed = (reason: string, text: string) =>
        metricValue(text, 'task_api_ws_sockets_closed_total', `{reason="${reason}"}`);
      // The server counts a close once its side of the handshake ends, a moment after ours.
      let after = await read();
      for (
        let i = 0;
        i < 20 && closed('unauthorized', after) === closed('unauthorized', before);
        i += 1
      ) {
        await settle(100);
        after = await read();
      }
      expect(metricValue(after, 'task_api_ws_events_sent_total')).toBeGreaterThan(
        metricValue(before, 'task_api_ws_events_sent_total'),
      );
      expect(closed('normal', after)).toBeGreaterThan(closed('normal', before));
      expect(closed('unauthorized', after)).toBe(closed('unauthorized', before) + 1);
      expect(metricValue(after, 'task_api_auth_failures_total')).toBeGreaterThan(
        metricValue(before, 'task_api_auth_failures_total'),
      );
      expect(server.log.events('auth_failure').some((l) => l['reason'] === 'malformed')).toBe(true);
    });
  });

  describe('rate limit', () => {
    const limited = useProductionServer(target, { RATE_LIMIT_OPERATIONS: '5' });

    it('should count subscribe operations against the per-user rate limit', async () => {
      const a = await limited.user();
      const b = await limited.user();
      const socket = await LiveSocket.connect(limited.url, a.token);
      for (let i = 0; i < 6; i += 1) socket.subscribe(`s${i}`, TASK_CHANGED);
      const refused = await socket.waitFor((m) => m.type === 'error');
      expect(refused.payload[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      await settle(200);
      expect(socket.messages.filter((m) => m.type === 'error')).toHaveLength(1);
      // Another user's budget is untouched.
      const other = await LiveSocket.connect(limited.url, b.token);
      other.subscribe('1', TASK_CHANGED);
      await settle(200);
      expect(other.of('1')).toEqual([]);
      expect(limited.log.events('rate_limited').length).toBeGreaterThan(0);
      await socket.close();
      await other.close();
    });
  });

  describe('slow consumer', () => {
    // Keep-alive at its default: a client that stops reading also stops answering pings.
    const slow = useProductionServer(target, { WS_MAX_BUFFERED_BYTES: '65536' });

    it('should disconnect a slow consumer rather than buffer without end', async () => {
      const a = await slow.user();
      const project = await createProject(a);
      const description = 'd'.repeat(5000);
      const tasks = [];
      for (let i = 0; i < 100; i += 1) {
        tasks.push(await createTask(a, { projectId: project.id, description }));
      }
      const socket = await rawSubscriber(
        slow.url,
        a.token,
        'subscription { taskChanged { task { project { tasks(first: 100) { nodes { description } } } } } }',
      );
      for (let i = 0; i < 60; i += 1) {
        ok(
          await a.gql(
            'mutation($id: ID!) { updateTask(id: $id, input: { completed: true }) { id } }',
            {
              id: tasks[i % tasks.length]!.id,
            },
          ),
        );
        const text = await slow.app.metrics.registry.metrics();
        if (metricValue(text, 'task_api_ws_sockets_closed_total', '{reason="slow_consumer"}') > 0)
          break;
      }
      await settle(1500);
      socket.destroy();
      const text = await slow.app.metrics.registry.metrics();
      expect(
        metricValue(text, 'task_api_ws_sockets_closed_total', '{reason="slow_consumer"}'),
      ).toBe(1);
      expect(slow.log.events('slow_consumer').length).toBeGreaterThan(0);
    });
  });
});
