// `litmus-check check FILE|DIR...`: the CI gate. Runs every test (in parallel
// on worker threads), judges each against its `Result:` comment as the
// kernel's judgelitmus.sh does, and prints the results in --format.
//
// Output order is the sorted file order, whatever order the runs finish in.
// Exit: 0 when every judged test holds, 1 when any mismatches, 2 on usage
// errors, tests that cannot be run or judged (parse errors, limits), and
// missing Result comments under --require-result. 2 wins over 1.
import { availableParallelism } from 'node:os';
import { runFiles } from '../../engine/worker-pool.js';
import type { RunResult } from '../../explore/result.js';
import { judgementOf } from '../../report/judgements.js';
import { getFormatter } from '../../report/registry.js';
import { formatDiagnosticsFor } from '../diag-output.js';
import { collectLitmusFiles, pathErrors } from '../files.js';
import { noProgress, progressBar, PROGRESS_MIN_FILES } from '../progress.js';
import { colorOption, explainOption, formatContext, formatOption, positiveInt, runOptionSpecs, runOptionsFrom } from '../report-options.js';
import { EXIT_MISMATCH, EXIT_OK, EXIT_USAGE, type CommandSpec, type OptionSpec } from '../spec.js';
import { loadMacrosOption } from '../macros.js';
import { loadModelOption } from '../model-options.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m) throw new Error('--shard must look like i/n, e.g. 2/4');
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new Error('--shard i/n needs 1 <= i <= n');
  return { index, count };
}

/** Every n-th file of the sorted list, starting with the i-th (1-based). */
export function shardFiles<T>(files: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...files];
  return files.filter((_, k) => k % shard.count === shard.index - 1);
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const options: OptionSpec[] = [
  formatOption,
  ...runOptionSpecs,
  { flags: '--require-result', description: 'treat a test without a Result: comment as an error' },
  { flags: '-j, --jobs <n>', description: 'tests to run in parallel (default: available CPUs)', parse: positiveInt('--jobs') },
  { flags: '--shard <i/n>', description: 'run only every n-th test of the sorted list, starting at the i-th', parse: (v) => {
    const s = parseShard(v);
    return `${s.index}/${s.count}`;
  } },
  { flags: '--time', description: 'report real exploration times; off by default so output is reproducible' },
  explainOption,
  colorOption,
];

export const checkCommand: CommandSpec = {
  name: 'check',
  description: "run litmus tests and check each against its Result: comment (exit 0: all hold, 1: mismatch, 2: error)",
  args: '<paths...>',
  options,
  async action(paths, o, io) {
    const macros = loadMacrosOption(o, io);
    if (!macros.ok || !loadModelOption(o, io)) return EXIT_USAGE;
    const collected = collectLitmusFiles(paths);
    const { files: found, missing } = collected;
    let usage = false;
    for (const m of pathErrors(collected)) {
      io.err(`litmus-check: ${m}\n`);
      usage = true;
    }
    if (found.length === 0 && missing.length === 0) {
      io.err(`litmus-check: no litmus files found in ${paths.join(' ')}\n`);
      return EXIT_USAGE;
    }
    const shard = o.shard !== undefined ? parseShard(String(o.shard)) : undefined;
    const files = shardFiles([...found].sort(byPath), shard);
    const entry = getFormatter(String(o.format));
    const ctx = formatContext('check', options, o, paths, io);
    const jobs = o.jobs !== undefined ? Number(o.jobs) : availableParallelism();

    const progress = io.errIsTTY && files.length > PROGRESS_MIN_FILES ? progressBar((s) => io.err(s)) : noProgress;
    let results: RunResult[];
    try {
      const runOpts = { ...runOptionsFrom(o, io), ...(macros.registry ? { registry: macros.registry } : {}), ...(o.requireResult ? { requireResult: true } : {}) };
      // Files already share the CPUs across the pool: one thread per test unless asked otherwise.
      if (o.threads === undefined && jobs > 1 && files.length > 1) runOpts.threads = 1;
      results = await runFiles(files, runOpts, { jobs, onProgress: (d, t) => progress.update(d, t) });
    } finally {
      progress.end();
    }
    if (!o.time) for (const r of results) r.seconds = 0;

    for (const r of results) {
      if (r.status === 'error') io.err(formatDiagnosticsFor(r.file, r.diagnostics.filter((d) => d.severity === 'error'), ctx.color));
    }
    io.out(entry.format(results, { ...ctx, judged: true }));

    // The engine judged each result (src/engine/judge.ts); a record without a judgement counts as an error.
    const statuses = results.map((r) => judgementOf(r).status);
    if (usage || statuses.includes('error')) return EXIT_USAGE;
    if (statuses.includes('fail')) return EXIT_MISMATCH;
    return EXIT_OK;
  },
};
