// A thread for SupervisedThread's tests: each start appends a line to workerData.starts;
// it ends on its own (exit code 3) after its first `crashes` starts, fails before serving if
// told to, and otherwise serves until asked to stop.
const { appendFileSync, readFileSync } = require('node:fs');
const process = require('node:process');
const { setTimeout } = require('node:timers');
const { parentPort, workerData } = require('node:worker_threads');

const { starts, crashes = 0, failToStart = false } = workerData;
appendFileSync(starts, 'start\n');
if (failToStart) throw new Error('cannot start: no such data directory');
const count = readFileSync(starts, 'utf8').trim().split('\n').length;
parentPort.postMessage({ type: 'ready' });
if (count <= crashes) setTimeout(() => process.exit(3), 10);
parentPort.once('message', () => {
  parentPort.postMessage({ type: 'stopped' });
  parentPort.close();
});
