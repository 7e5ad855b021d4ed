import type { CommandSpec, OptionSpec } from '../spec.js';
import { EXIT_OK, EXIT_USAGE } from '../spec.js';
import { collectLitmusFiles, pathErrors } from '../files.js';
import { runFile } from '../../engine/pipeline.js';
import type { RunResult } from '../../explore/result.js';
import { getFormatter } from '../../report/registry.js';
import { formatDiagnosticsFor } from '../diag-output.js';
import { colorOption, explainOption, formatContext, formatOption, runOptionSpecs, runOptionsFrom } from '../report-options.js';
import { loadMacrosOption } from '../macros.js';
import { loadModelOption } from '../model-options.js';

const options: OptionSpec[] = [
  formatOption,
  ...runOptionSpecs,
  { flags: '--time', description: 'print real exploration times (herd format); off by default so output is reproducible' },
  explainOption,
  colorOption,
];

export const runCommand: CommandSpec = {
  name: 'run',
  description: 'run litmus tests under LKMM and print their final states and verdicts',
  args: '<paths...>',
  options,
  async action(paths, o, io) {
    const macros = loadMacrosOption(o, io);
    if (!macros.ok || !loadModelOption(o, io)) return EXIT_USAGE;
    const found = collectLitmusFiles(paths);
    const { files } = found;
    let code = EXIT_OK;
    for (const m of pathErrors(found)) {
      io.err(`litmus-check: ${m}\n`);
      code = EXIT_USAGE;
    }
    if (files.length === 0 && found.missing.length === 0) {
      io.err(`litmus-check: no litmus files found in ${paths.join(' ')}\n`);
      return EXIT_USAGE;
    }
    const opts = { ...runOptionsFrom(o, io), ...(macros.registry ? { registry: macros.registry } : {}) };
    const entry = getFormatter(String(o.format));
    const ctx = formatContext('run', options, o, paths, io);
    const collected: RunResult[] = [];
    let printed = 0;
    for (const f of files) {
      const r = runFile(f, opts);
      if (!o.time) r.seconds = 0;
      if (r.status === 'error') {
        io.err(formatDiagnosticsFor(r.file, r.diagnostics, ctx.color));
        code = EXIT_USAGE;
        if (!entry.includesErrors) continue;
      } else {
        const warnings = r.diagnostics.filter((d) => d.severity !== 'error');
        if (warnings.length) io.err(formatDiagnosticsFor(r.file, warnings, ctx.color));
        if (r.limit) io.err(`${r.file}: limit: ${r.limit.message}; ${r.settled ? 'the verdict is exact (settled), the counts are partial' : 'results are partial'}\n`);
      }
      if (entry.streamable) {
        const text = entry.format([r], ctx);
        if (text) io.out((printed++ > 0 ? entry.separator : '') + text);
      } else {
        collected.push(r);
      }
    }
    if (!entry.streamable && (collected.length > 0 || files.length === 0)) io.out(entry.format(collected, ctx));
    return code;
  },
};
