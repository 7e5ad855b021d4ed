// One large test on several threads. The explorer's executions are dealt into
// disjoint shares (ExploreOptions.shard); this thread explores share 0 while
// helper threads explore the others, and the shares' counts, states and flags
// are added up. Verdicts, counts, states and flags are identical to a
// single-threaded search; the search statistics (candidate executions
// visited, model evaluations) are not, since pruning adapts to what each
// share has seen.
//
// runSource is synchronous, so the helpers are waited for synchronously: each
// helper answers on its own MessageChannel and raises a flag in shared memory,
// which this thread sleeps on (Atomics.wait) before taking the answer with
// receiveMessageOnPort. Helpers are started on first use, kept for the next
// large test, and never keep the process alive.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Program } from '../events/types.js';
import { explore, type ExploreOptions, type ExploreOutcome } from '../explore/explore.js';
import type { StateData } from '../explore/states.js';
import type { RunOptions } from './pipeline.js';

/** Tests whose estimated candidate count is below this run on one thread (helpers would cost more than they save). */
export const PARALLEL_MIN_ESTIMATE = 1e10;

/** What a helper sends back: its share's outcome, as plain data. */
export interface ShareResult {
  ok: boolean;
  error?: string;
  positive: number;
  negative: number;
  candidates: number;
  evaluations: number;
  loop: boolean;
  flags: string[];
  limit?: ExploreOutcome['limit'];
  states?: StateData;
}

/** A request to a helper. */
export interface ShareRequest {
  source: string;
  file: string;
  opts: RunOptions;
  explore: ExploreOptions;
}

interface Helper {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

const helpers: Helper[] = [];

function helperPath(): string | undefined {
  try {
    const p = fileURLToPath(new URL('./share-worker.js', import.meta.url));
    return existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

function helper(i: number, path: string): Helper {
  const have = helpers[i];
  if (have) return have;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(path, { workerData: { flag, port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref();
  const h = { worker, port: port1, flag };
  helpers[i] = h;
  return h;
}

/**
 * A rough upper bound on a test's candidate executions, from the events of
 * each thread's first path: per location, (writes)! coherence orders times
 * writes^reads reads-from maps. Only used to decide whether helpers pay off.
 */
export function estimateCandidates(program: Program): number {
  let combos = 1;
  for (const t of program.threads) combos *= Math.max(1, t.length);
  const writes = new Array<number>(program.locations.length).fill(1);
  const reads = new Array<number>(program.locations.length).fill(0);
  for (const t of program.threads) {
    for (const e of t[0]?.events ?? []) {
      if (e.loc < 0 || e.loc >= writes.length) continue;
      if (e.kind === 'W') writes[e.loc]!++;
      else if (e.kind === 'R') reads[e.loc]!++;
    }
  }
  let est = combos;
  for (let l = 0; l < writes.length && est < 1e300; l++) {
    for (let k = 2; k <= writes[l]!; k++) est *= k;
    est *= writes[l]! ** reads[l]!;
  }
  return est;
}

/** Whether `threads` threads should share this test (and can: compiled helpers exist). */
export function shouldShare(program: Program, opts: RunOptions, exploreOpts: ExploreOptions): boolean {
  const threads = opts.threads ?? 1;
  if (threads < 2 || opts.registry !== undefined) return false;
  // Shares of a search cut off by an execution count would not add up to the single search's.
  if (exploreOpts.maxExecutions !== undefined || exploreOpts.keepExamples || exploreOpts.keepRejected) return false;
  return estimateCandidates(program) >= PARALLEL_MIN_ESTIMATE && helperPath() !== undefined;
}

/** Explores `program` (compiled from `source` with `opts`) on opts.threads threads. */
export function exploreShared(program: Program, source: string, file: string, opts: RunOptions, exploreOpts: ExploreOptions): ExploreOutcome {
  const path = helperPath()!;
  const count = Math.max(2, Math.floor(opts.threads ?? 2));
  const used: Helper[] = [];
  for (let i = 1; i < count; i++) {
    const h = helper(i - 1, path);
    Atomics.store(h.flag, 0, 0);
    const req: ShareRequest = { source, file, opts: { ...opts, threads: 1 }, explore: { ...exploreOpts, shard: { index: i, count } } };
    h.worker.postMessage(req);
    used.push(h);
  }
  const out = explore(program, { ...exploreOpts, shard: { index: 0, count } });
  const flags = new Set(out.flags);
  for (const h of used) {
    const r = answerOf(h, exploreOpts.timeoutMs);
    if (!r.ok) throw new Error(`helper thread failed: ${r.error ?? 'no answer'}`);
    out.positive += r.positive;
    out.negative += r.negative;
    out.candidates += r.candidates;
    out.evaluations += r.evaluations;
    out.loop ||= r.loop;
    for (const f of r.flags) flags.add(f);
    if (r.states) out.table.merge(r.states);
    if (r.limit && !out.limit) out.limit = r.limit;
  }
  out.flags = [...flags].sort();
  out.states = out.table.records(program.locations.map((l) => l.name));
  return out;
}

/**
 * Sleeps until helper `h` answers. The helper posts its answer before it
 * raises the flag; the short waits only guard against the answer arriving a
 * moment after the flag. With a time limit, a helper that stays silent long
 * after it is an internal error rather than a hang.
 */
function answerOf(h: Helper, timeoutMs: number | undefined): ShareResult {
  const giveUp = timeoutMs !== undefined ? Date.now() + timeoutMs * 2 + 10_000 : Infinity;
  for (;;) {
    Atomics.wait(h.flag, 0, 0, 50);
    const m = receiveMessageOnPort(h.port);
    if (m) return m.message as ShareResult;
    if (Date.now() > giveUp) return { ok: false, error: 'no answer', positive: 0, negative: 0, candidates: 0, evaluations: 0, loop: false, flags: [] };
  }
}
