import { LiveSocket, TASK_CHANGED } from '../../support/live-socket';
import { TEST_TARGETS } from '../../support/test-database';
import { startTestServer } from '../../support/test-server';

describe.each(TEST_TARGETS)('shutdown with live sockets on $name', (target) => {
  it('should close every socket with 1001 and finish the drain', async () => {
    const server = await startTestServer(target);
    try {
      const a = await server.user();
      const socket = await LiveSocket.connect(server.url, a.token);
      socket.subscribe('1', TASK_CHANGED);
      const closing = server.app.close();
      expect(await socket.closedWithin()).toEqual({ code: 1001, reason: 'Going away' });
      await closing;
    } finally {
      await server.close();
    }
  });
});
