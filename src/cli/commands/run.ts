import type { CommandSpec } from '../spec.js';
import { EXIT_OK, EXIT_USAGE } from '../spec.js';
import { collectLitmusFiles } from '../files.js';
import { runFile, type RunOptions } from '../../engine/pipeline.js';
import { formatHerd } from '../../report/herd.js';
import { formatText } from '../../report/text.js';
import { formatDiagnosticsFor } from '../diag-output.js';

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`);
    return n;
  };
}

export const runCommand: CommandSpec = {
  name: 'run',
  description: 'run litmus tests under LKMM and print their final states and verdicts',
  args: '<paths...>',
  options: [
    { flags: '--format <name>', description: 'output format', defaultValue: 'text', choices: ['text', 'herd'] },
    { flags: '--timeout <seconds>', description: 'time limit per test', parse: positiveInt('--timeout') },
    { flags: '--max-executions <n>', description: 'limit on candidate executions per test', parse: positiveInt('--max-executions') },
    { flags: '--unroll <n>', description: 'loop unrolling bound (herd -unroll)', parse: positiveInt('--unroll') },
    { flags: '--time', description: 'print real exploration times (herd format); off by default so output is reproducible' },
  ],
  async action(paths, o, io) {
    const { files, missing } = collectLitmusFiles(paths);
    let code = EXIT_OK;
    for (const m of missing) {
      io.err(`litmus-check: ${m}: no such file or directory\n`);
      code = EXIT_USAGE;
    }
    const opts: RunOptions = {
      ...(o.timeout !== undefined ? { timeoutMs: Number(o.timeout) * 1000 } : {}),
      ...(o.maxExecutions !== undefined ? { maxExecutions: Number(o.maxExecutions) } : {}),
      ...(o.unroll !== undefined ? { unroll: Number(o.unroll) } : {}),
    };
    for (const f of files) {
      const r = runFile(f, opts);
      if (!o.time) r.seconds = 0;
      if (r.status === 'error') {
        io.err(formatDiagnosticsFor(r.file, r.diagnostics));
        code = EXIT_USAGE;
        continue;
      }
      const warnings = r.diagnostics.filter((d) => d.severity !== 'error');
      if (warnings.length) io.err(formatDiagnosticsFor(r.file, warnings));
      if (r.limit) io.err(`${r.file}: limit: ${r.limit.message}; results are partial\n`);
      io.out(o.format === 'herd' ? formatHerd(r) : formatText(r));
    }
    return code;
  },
};
