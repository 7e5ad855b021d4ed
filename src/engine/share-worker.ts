// worker_threads entry for a helper thread of src/engine/parallel.ts: compiles
// the test it is sent and explores its share of the executions (unless the
// requesting thread claimed that share first), then posts the share's outcome
// on its channel and raises the shared flag the requesting thread sleeps on.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { parseLitmus } from '../litmus/parse.js';
import { compileTest } from './pipeline.js';
import { explore } from '../explore/explore.js';
import { claim, DONE, type ShareRequest, type ShareResult } from './parallel.js';

const { flag, port } = workerData as { flag: Int32Array; port: MessagePort };

function run(req: ShareRequest): ShareResult {
  try {
    const { test } = parseLitmus(req.source, req.file);
    if (!test) throw new Error('the test no longer parses');
    const out = explore(compileTest(test, req.opts), req.explore);
    return {
      ok: true, positive: out.positive, negative: out.negative, candidates: out.candidates, evaluations: out.evaluations,
      loop: out.loop, flags: out.flags, states: out.table.toData(), ...(out.limit ? { limit: out.limit } : {}),
    };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), positive: 0, negative: 0, candidates: 0, evaluations: 0, loop: false, flags: [] };
  }
}

parentPort?.on('message', (req: ShareRequest) => {
  // A share the requesting thread already took over is skipped.
  const r: ShareResult & { id: number } = claim(flag, req.id, 1)
    ? { id: req.id, ...run(req) }
    : { id: req.id, ok: true, positive: 0, negative: 0, candidates: 0, evaluations: 0, loop: false, flags: [] };
  port.postMessage(r, r.states ? [r.states.vals.buffer as ArrayBuffer] : []);
  Atomics.store(flag, DONE, req.id);
  Atomics.notify(flag, DONE);
});
