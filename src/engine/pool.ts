// Runs many files on worker_threads and returns their results in the order of
// the input list, whatever order they complete in. Runs inline (on this
// thread) for one job or one file, when the options cannot be sent to a
// worker, or when no compiled worker sits beside this module (under vitest).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RunResult } from '../explore/result.js';
import { runFile, type RunOptions } from './pipeline.js';

export interface PoolOptions {
  /** Worker threads to use (at most one per file). */
  jobs: number;
  /** Called after each file, with the number of files done so far. */
  onProgress?: (done: number, total: number) => void;
  /** The worker entry; defaults to worker.js beside this module. */
  workerUrl?: URL;
}

const zeroRange = { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } };

/** A result for a file whose run failed outside the pipeline (a crashed or stuck worker). */
export function internalErrorResult(file: string, message: string, code = 'internal'): RunResult {
  const d: Diagnostic = { severity: 'error', code, message, file, range: zeroRange };
  return {
    file, name: '', status: 'error', quantifier: 'exists', conditionText: '', columns: [], states: [], positive: 0, negative: 0,
    verdict: 'Never', ok: false, loop: false, flags: [], seconds: 0, candidates: 0, diagnostics: [d],
  };
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
    let r: RunResult;
    try {
      r = runFile(f, opts);
    } catch (e) {
      r = internalErrorResult(f, `internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
    out.push(r);
    pool.onProgress?.(out.length, files.length);
  }
  return out;
}

/** A worker that takes longer than this on one file is stopped (the explorer's own --timeout should fire first). */
function hardLimitMs(opts: RunOptions): number | undefined {
  return opts.timeoutMs !== undefined ? opts.timeoutMs * 2 + 10_000 : undefined;
}

export async function runFiles(files: readonly string[], opts: RunOptions, pool: PoolOptions): Promise<RunResult[]> {
  const url = pool.workerUrl ?? defaultWorkerUrl();
  const jobs = Math.max(1, Math.min(Math.floor(pool.jobs), files.length));
  if (jobs <= 1 || files.length <= 1 || !canUseWorkers(opts, url)) return runInline(files, opts, pool);

  const results: Array<RunResult | undefined> = new Array(files.length);
  let next = 0;
  let done = 0;
  const limit = hardLimitMs(opts);

  return new Promise<RunResult[]>((resolve) => {
    const finish = (index: number, r: RunResult): void => {
      if (results[index] !== undefined) return;
      results[index] = r;
      done++;
      pool.onProgress?.(done, files.length);
      if (done === files.length) resolve(results as RunResult[]);
    };

    const start = (): void => {
      if (next >= files.length) return;
      const worker = new Worker(url);
      let current = -1;
      let timer: NodeJS.Timeout | undefined;
      let retired = false;

      const retire = (): void => {
        retired = true;
        if (timer) clearTimeout(timer);
        void worker.terminate();
      };
      const feed = (): void => {
        if (timer) clearTimeout(timer);
        if (next >= files.length) {
          retire();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, file: files[current], opts });
        if (limit !== undefined) {
          const index = current;
          timer = setTimeout(() => {
            retire();
            finish(index, internalErrorResult(files[index]!, `stopped: no result after ${Math.round(limit / 1000)} s`, 'limit'));
            start();
          }, limit);
        }
      };
      // A crashed worker loses only its current file; a fresh worker takes over the queue.
      const crashed = (message: string): void => {
        if (retired) return;
        retire();
        if (current >= 0) finish(current, internalErrorResult(files[current]!, `internal error: worker failed: ${message}`));
        start();
      };

      worker.on('message', (m: { index: number; result: RunResult }) => {
        finish(m.index, m.result);
        feed();
      });
      worker.on('error', (e) => crashed(e.message));
      worker.on('exit', (code) => crashed(`exited with code ${code}`));
      feed();
    };

    for (let i = 0; i < jobs; i++) start();
  });
}
