// worker_threads entry for the pool (worker-pool.ts): takes files from the shared
// counter until none is left and posts each RunResult back. Results are
// plain data, so structured cloning carries them.
import { parentPort } from 'node:worker_threads';
import { runOne, type PoolWork } from './worker-pool.js';

const port = parentPort;
if (port) {
  port.once('message', (w: PoolWork) => {
    const { files, opts, claims, slot } = w;
    for (let i = Atomics.add(claims, 0, 1); i < files.length; i = Atomics.add(claims, 0, 1)) {
      // The file this thread runs, for the pool to report if the thread dies.
      Atomics.store(claims, slot, i + 1);
      port.postMessage({ index: i, result: runOne(files[i]!, opts) });
      Atomics.store(claims, slot, 0);
    }
  });
}
