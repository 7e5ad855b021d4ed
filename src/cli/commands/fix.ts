import type { CommandSpec, OptionSpec } from '../spec.js';
import { EXIT_MISMATCH, EXIT_OK, EXIT_USAGE } from '../spec.js';
import { AUTO_DEEPEN_MS, AUTO_MAX_CHANGES, fixSource, FIX_DEFAULTS } from '../../fix/fix.js';
import { KIND_GROUPS, KIND_NAMES, selectKinds } from '../../fix/kinds.js';
import { getFixFormatter } from '../../report/fix-formats.js';
import { formatDiagnosticsFor } from '../diag-output.js';
import { fixFormatOption, fixInput } from '../fix-common.js';
import { colorOption, formatContext, positiveInt, runOptionSpecs } from '../report-options.js';

const kindWords = `${KIND_NAMES.join(', ')}; or ${Object.keys(KIND_GROUPS).join(', ')}`;

const options: OptionSpec[] = [
  fixFormatOption,
  { flags: '--max <n>', description: 'list at most n fixes', defaultValue: FIX_DEFAULTS.max, parse: positiveInt('--max') },
  { flags: '--max-changes <k>', description: `try sets of up to k changes (default: ${FIX_DEFAULTS.maxChanges}, then ${AUTO_MAX_CHANGES} when none is found, within ${AUTO_DEEPEN_MS / 1000} s)`, parse: positiveInt('--max-changes') },
  { flags: '--allow <kinds>', description: `only these kinds of change, comma-separated (${kindWords})` },
  { flags: '--deny <kinds>', description: 'never these kinds of change, comma-separated' },
  { flags: '--budget <n>', description: 'stop after n re-runs of changed tests', defaultValue: FIX_DEFAULTS.budget, parse: positiveInt('--budget') },
  ...runOptionSpecs,
  colorOption,
];

export const fixCommand: CommandSpec = {
  name: 'fix',
  description: 'find the cheapest minimal sets of barriers or annotations that make a reachable outcome Never, each verified by a re-run',
  args: '<file>',
  options,
  async action(paths, o, io) {
    let kinds;
    try {
      kinds = selectKinds(o.allow as string | undefined, o.deny as string | undefined);
    } catch (e) {
      io.err(`litmus-check fix: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
    if (kinds.length === 0) {
      io.err('litmus-check fix: --allow/--deny leave no kind of change to try\n');
      return EXIT_USAGE;
    }
    const input = fixInput('fix', paths, o, io);
    if (!input) return EXIT_USAGE;
    const ctx = formatContext('fix', options, o, paths, io);
    const report = fixSource(input.source, input.file, {
      run: input.run, kinds, max: Number(o.max), budget: Number(o.budget),
      ...(o.maxChanges !== undefined ? { maxChanges: Number(o.maxChanges) } : {}),
    });
    if (report.diagnostics.length > 0) {
      io.err(formatDiagnosticsFor(input.file, report.diagnostics, ctx.color));
      return EXIT_USAGE;
    }
    io.out(getFixFormatter(String(o.format)).fix(report, ctx));
    return report.status === 'no-fix' || report.status === 'sc-allowed' ? EXIT_MISMATCH : EXIT_OK;
  },
};
