// Runs many files, on this thread and on worker_threads, and returns their
// results in the order of the input list, whatever order they complete in.
// This thread starts at once; helpers join only when the run proves long
// (HELPERS_AFTER_MS): a helper is a fresh isolate that takes a fraction of a
// second to load and warm up, and on 2 cores it slows a short run down (the
// 126 kernel and herdtools tests: 1.16x slower with two workers than inline;
// the whole corpus: 1.3x faster). All take the next file from one shared
// counter. Runs inline only for one job or one file, when the options cannot
// be sent to a worker, or when no compiled worker sits beside this module
// (under vitest).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RunResult } from '../explore/result.js';
import { runFile, type RunOptions } from './pipeline.js';
import { judge } from './judge.js';

export interface PoolOptions {
  /** Threads to use, this one included (at most one per file). */
  jobs: number;
  /** Called after each file, with the number of files done so far. */
  onProgress?: (done: number, total: number) => void;
  /** The worker entry; defaults to worker.js beside this module. */
  workerUrl?: URL;
  /** Helpers start once this thread has run files for this long (default HELPERS_AFTER_MS; 0: at once). */
  helpersAfterMs?: number;
  /** This thread runs files too (default true; false: the helpers alone, jobs of them). */
  mainTakesFiles?: boolean;
}

/** How long this thread runs files alone before helpers start. */
export const HELPERS_AFTER_MS = 1000;

const zeroRange = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };

/** A result for a file whose run failed outside the pipeline (a crashed or stuck worker). */
export function internalErrorResult(file: string, message: string, code = 'internal'): RunResult {
  const d: Diagnostic = { severity: 'error', code, message, file, range: zeroRange };
  const r: RunResult = {
    file, name: '', status: 'error', quantifier: 'exists', conditionText: '', columns: [], states: [], positive: 0, negative: 0,
    verdict: 'Never', ok: false, loop: false, flags: [], seconds: 0, candidates: 0, diagnostics: [d],
  };
  r.judgement = judge(r);
  return r;
}

function defaultWorkerUrl(): URL {
  return new URL('./worker.js', import.meta.url);
}

function canUseWorkers(opts: RunOptions, url: URL): boolean {
  if (opts.registry !== undefined) return false;
  try {
    return existsSync(fileURLToPath(url));
  } catch {
    return false;
  }
}

function runInline(files: readonly string[], opts: RunOptions, pool: PoolOptions): RunResult[] {
  const out: RunResult[] = [];
  for (const f of files) {
    out.push(runOne(f, opts));
    pool.onProgress?.(out.length, files.length);
  }
  return out;
}

/** A worker that takes longer than this on one file is stopped (the explorer's own --timeout should fire first). */
function hardLimitMs(opts: RunOptions): number | undefined {
  return opts.timeoutMs !== undefined ? opts.timeoutMs * 2 + 10_000 : undefined;
}

/**
 * What a helper receives: the whole list, and shared memory where
 * `claims[0]` is the next file to take (Atomics.add) and `claims[slot]` is
 * one more than the file the helper is running (0: none).
 */
export interface PoolWork {
  files: readonly string[];
  opts: RunOptions;
  claims: Int32Array;
  slot: number;
}

interface Helper {
  worker: Worker;
  slot: number;
  /** claims[slot] when last looked at, and since when. */
  running: number;
  since: number;
  gone: boolean;
}

/** How often the watch looks for a helper stuck past the hard limit, or for results that cannot come. */
const WATCH_MS = 250;

export async function runFiles(files: readonly string[], opts: RunOptions, pool: PoolOptions): Promise<RunResult[]> {
  const url = pool.workerUrl ?? defaultWorkerUrl();
  const jobs = Math.max(1, Math.min(Math.floor(pool.jobs), files.length));
  if (jobs <= 1 || files.length <= 1 || !canUseWorkers(opts, url)) return runInline(files, opts, pool);
  const mainTakes = pool.mainTakesFiles !== false;
  const helperCount = mainTakes ? jobs - 1 : jobs;

  const claims = new Int32Array(new SharedArrayBuffer(4 * (helperCount + 1)));
  const results: Array<RunResult | undefined> = new Array(files.length);
  let done = 0;
  let allDone: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const finish = (index: number, r: RunResult): void => {
    if (results[index] !== undefined) return;
    results[index] = r;
    done++;
    pool.onProgress?.(done, files.length);
    if (done === files.length) allDone();
  };

  const helpers: Helper[] = [];
  /** Whether this thread has left its own loop over the files (or never runs one). */
  let mainIdle = !mainTakes;
  /** Runs the files nobody has taken, on this thread. */
  const takeRest = (): void => {
    for (let i = Atomics.add(claims, 0, 1); i < files.length; i = Atomics.add(claims, 0, 1)) finish(i, runOne(files[i]!, opts));
  };
  /**
   * A helper that died or was stopped loses only the file it was running;
   * when no helper is left, this thread takes the files nobody has taken.
   */
  const lost = (h: Helper, message: string, code?: string): void => {
    if (h.gone) return;
    h.gone = true;
    void h.worker.terminate();
    const current = Atomics.load(claims, h.slot) - 1;
    if (current >= 0 && current < files.length) finish(current, internalErrorResult(files[current]!, message, code));
    if (mainIdle && helpers.every((x) => x.gone)) takeRest();
  };
  const startHelpers = (): void => {
    for (let slot = 1; slot <= helperCount; slot++) {
      const worker = new Worker(url);
      const h: Helper = { worker, slot, running: 0, since: Date.now(), gone: false };
      helpers.push(h);
      worker.on('message', (m: { index: number; result: RunResult }) => finish(m.index, m.result));
      worker.on('error', (e) => lost(h, `internal error: worker failed: ${e.message}`));
      worker.on('exit', (code) => lost(h, `internal error: worker failed: exited with code ${code}`));
      const work: PoolWork = { files, opts, claims, slot };
      worker.postMessage(work);
    }
  };
  const limit = hardLimitMs(opts);
  const watch = setInterval(() => {
    const now = Date.now();
    for (const h of helpers) {
      const running = Atomics.load(claims, h.slot);
      if (running !== h.running) {
        h.running = running;
        h.since = now;
      } else if (limit !== undefined && running > 0 && now - h.since > limit) {
        lost(h, `stopped: no result after ${Math.round(limit / 1000)} s`, 'limit');
      }
    }
    // Every file is taken and no helper is running one: a result missing now
    // can only be a file whose helper died between taking it and saying so.
    if (Atomics.load(claims, 0) >= files.length && helpers.every((h) => h.gone || Atomics.load(claims, h.slot) === 0)) {
      setTimeout(() => {
        for (let i = 0; i < files.length; i++) if (results[i] === undefined) finish(i, internalErrorResult(files[i]!, 'internal error: worker failed: no result came back'));
      }, WATCH_MS);
    }
  }, WATCH_MS);

  const helpersAfter = pool.helpersAfterMs ?? HELPERS_AFTER_MS;
  if (!mainTakes || helpersAfter <= 0) startHelpers();
  if (mainTakes) {
    const t0 = Date.now();
    for (let i = Atomics.add(claims, 0, 1); i < files.length; i = Atomics.add(claims, 0, 1)) {
      finish(i, runOne(files[i]!, opts));
      if (helpers.length === 0 && Date.now() - t0 >= helpersAfter && Atomics.load(claims, 0) < files.length) startHelpers();
      // Let the helpers' results (and the progress they make) through.
      if (helpers.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    mainIdle = true;
  }
  if (done < files.length) await finished;
  clearInterval(watch);
  for (const h of helpers) {
    h.gone = true;
    void h.worker.terminate();
  }
  return results as RunResult[];
}

/** One file's result; an exception outside the pipeline becomes an internal-error result. */
export function runOne(file: string, opts: RunOptions): RunResult {
  try {
    return runFile(file, opts);
  } catch (e) {
    return internalErrorResult(file, `internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
}
