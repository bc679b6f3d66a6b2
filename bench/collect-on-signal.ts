/**
 * Preloaded into the server only by the bench (`node --expose-gc --require …`): SIGUSR2 runs a
 * full collection, so the heap read right after it is what the server really keeps. The
 * server itself never exposes a way to trigger collections.
 */
const collect = (globalThis as { gc?: () => void }).gc;
if (collect) process.on('SIGUSR2', () => collect());
