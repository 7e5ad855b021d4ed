// worker_threads entry for the pool: runs one file per message and posts the
// RunResult back. Results are plain data, so structured cloning carries them.
import { parentPort } from 'node:worker_threads';
import { runFile, type RunOptions } from './pipeline.js';
import { internalErrorResult } from './pool.js';

export interface WorkRequest {
  index: number;
  file: string;
  opts: RunOptions;
}

const port = parentPort;
if (port) {
  port.on('message', (m: WorkRequest) => {
    let result;
    try {
      result = runFile(m.file, m.opts);
    } catch (e) {
      result = internalErrorResult(m.file, `internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
    port.postMessage({ index: m.index, result });
  });
}
