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
// large test, and never keep the process alive. A share is claimed, in shared
// memory, by whichever thread starts it first: when this thread finishes its
// own share before a helper has started one (a helper takes a moment to
// start), it explores that share itself and the helper skips it later.
import { unsigned32Columns } from '../explore/states.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Program } from '../events/program.js';
import { explore, type ExploreOptions, type ExploreOutcome } from '../explore/explore.js';
import type { StateData } from '../explore/states.js';
import type { RunOptions } from './run-options.js';

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
  /** Consecutive per helper, from 1. */
  id: number;
  source: string;
  file: string;
  opts: RunOptions;
  explore: ExploreOptions;
}

/** Slots of a helper's shared flag words. */
export const DONE = 0, CLAIM = 1;

/**
 * Claims request `id` for the caller (`sign` 1: the helper, -1: the
 * requesting thread). The CLAIM slot holds the last decided request, signed
 * by its owner; `id` is undecided while it holds ±(id - 1). Returns whether
 * the caller won.
 */
export function claim(flag: Int32Array, id: number, sign: 1 | -1): boolean {
  const prev = Atomics.load(flag, CLAIM);
  return Math.abs(prev) === id - 1 && Atomics.compareExchange(flag, CLAIM, prev, sign * id) === prev;
}

interface Helper {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
  /** The last request id sent. */
  sent: number;
}

const helpers: Array<Helper | undefined> = [];

/** The compiled helper entry beside this module (looked up once; absent under vitest, which runs src/). */
let helperFile: string | null | undefined;

function helperPath(): string | undefined {
  if (helperFile === undefined) {
    try {
      const p = fileURLToPath(new URL('./share-worker.js', import.meta.url));
      helperFile = existsSync(p) ? p : null;
    } catch {
      helperFile = null;
    }
  }
  return helperFile ?? undefined;
}

function helper(i: number, path: string): Helper {
  const have = helpers[i];
  if (have) return have;
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(path, { workerData: { flag, port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref();
  const h = { worker, port: port1, flag, sent: 0 };
  // A helper that fails is replaced at the next large test. (A share it never
  // started is taken back by the requesting thread, see exploreShared.)
  const retire = (): void => {
    if (helpers[i] === h) helpers[i] = undefined;
  };
  worker.on('error', retire);
  worker.on('exit', retire);
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
  // Sharing pays where lock words make the search itself large; a search
  // that is mostly counting (an RCU chain's million states) would only pay
  // for sending its states back.
  const rmw = program.threads.some((t) => t.some((tr) => tr.events.some((e) => e.kind === 'R' && e.rmwClass)));
  return rmw && estimateCandidates(program) >= PARALLEL_MIN_ESTIMATE && helperPath() !== undefined;
}

/** Explores `program` (compiled from `source` with `opts`) on opts.threads threads. */
export function exploreShared(program: Program, source: string, file: string, opts: RunOptions, exploreOpts: ExploreOptions): ExploreOutcome {
  const path = helperPath()!;
  const count = Math.max(2, Math.floor(opts.threads ?? 2));
  const sent: Array<{ h: Helper; id: number; index: number }> = [];
  for (let i = 1; i < count; i++) {
    const h = helper(i - 1, path);
    const id = ++h.sent;
    const req: ShareRequest = { id, source, file, opts: { ...opts, threads: 1 }, explore: { ...exploreOpts, shard: { index: i, count } } };
    h.worker.postMessage(req);
    sent.push({ h, id, index: i });
  }
  const out = explore(program, { ...exploreOpts, shard: { index: 0, count } });
  const flags = new Set(out.flags);
  const add = (r: ShareResult): void => {
    out.positive += r.positive;
    out.negative += r.negative;
    out.candidates += r.candidates;
    out.evaluations += r.evaluations;
    out.loop ||= r.loop;
    for (const f of r.flags) flags.add(f);
    if (r.states) out.table.merge(r.states);
    if (r.limit && !out.limit) out.limit = r.limit;
  };
  for (const { h, id, index } of sent) {
    if (claim(h.flag, id, -1)) {
      // The helper has not started this share: explore it here.
      const own = explore(program, { ...exploreOpts, shard: { index, count } });
      add({ ok: true, ...own, states: own.table.toData() });
      continue;
    }
    const r = answerOf(h, id, exploreOpts.timeoutMs);
    if (!r.ok) throw new Error(`helper thread failed: ${r.error ?? 'no answer'}`);
    add(r);
  }
  out.flags = [...flags].sort();
  out.states = out.table.records(program.locations.map((l) => l.name), unsigned32Columns(program));
  return out;
}

/**
 * Sleeps until helper `h` answers request `id` (answers to requests this
 * thread took over are skipped). The helper posts an answer before it raises
 * the flag; the short waits only guard against the answer arriving a moment
 * after the flag. With a time limit, a helper that stays silent long after it
 * is an internal error rather than a hang.
 */
function answerOf(h: Helper, id: number, timeoutMs: number | undefined): ShareResult {
  const giveUp = timeoutMs !== undefined ? Date.now() + timeoutMs * 2 + 10_000 : Infinity;
  for (;;) {
    const m = receiveMessageOnPort(h.port);
    if (m) {
      const r = m.message as ShareResult & { id: number };
      if (r.id === id) return r;
      continue;
    }
    Atomics.wait(h.flag, DONE, Atomics.load(h.flag, DONE), 50);
    if (Date.now() > giveUp) return { ok: false, error: 'no answer', positive: 0, negative: 0, candidates: 0, evaluations: 0, loop: false, flags: [] };
  }
}
