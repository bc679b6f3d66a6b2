import { rm } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { EmbeddedSocketServer } from './embedded-socket-server';
import type { EmbeddedWorkerData } from './embedded-worker-messages';
import type { ThreadReply } from './supervised-thread';

/**
 * PGlite and its socket server on a thread of their own: the database's statement time no
 * longer queues behind the server's JavaScript on one core (nor the other way round).
 */
async function serve({ dataDir, socketPath, maxConnections }: EmbeddedWorkerData): Promise<void> {
  const port = parentPort!;
  const reply = (message: ThreadReply) => port.postMessage(message);
  const db = await PGlite.create(dataDir ? { dataDir } : {});
  const server = new EmbeddedSocketServer(db, maxConnections);
  try {
    // A thread before this one that ended without closing may have left it (the directory
    // is this process's own).
    await rm(socketPath, { force: true });
    await server.start(socketPath);
  } catch (error) {
    await db.close();
    throw error;
  }
  port.once('message', () => {
    void (async () => {
      await server.stop();
      await db.close();
      reply({ type: 'stopped' });
      port.close();
    })();
  });
  reply({ type: 'ready' });
}

void serve(workerData as EmbeddedWorkerData).catch((error: unknown) => {
  // Handed to the thread that started this one, as its error event.
  setImmediate(() => {
    throw error;
  });
});
