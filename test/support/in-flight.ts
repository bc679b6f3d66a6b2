import { setTimeout as sleep } from 'node:timers/promises';
import type { TestServer } from './test-server';

/**
 * Waits until the server has routed the slow request: it is in flight, reading its body (the
 * body is read before the request's transaction opens, so it holds no pooled connection yet).
 */
export async function untilInFlight(server: TestServer): Promise<void> {
  const gauge = server.app.metrics.registry.getSingleMetric('task_api_http_requests_in_flight');
  for (let i = 0; i < 200; i += 1) {
    const values = (await gauge!.get()).values;
    if (values.some((v) => v.labels['route'] === '/graphql' && v.value > 0)) return;
    await sleep(10);
  }
  throw new Error('the slow request never reached the server');
}

/** Pooled database connections the server holds right now (checked out, not idle). */
export function busyConnections(server: TestServer): number {
  const pool = (server.app.database.dataSource.driver as any).master;
  return pool.totalCount - pool.idleCount;
}
