import type { CommandSpec, OptionSpec } from '../spec.js';
import { EXIT_MISMATCH, EXIT_OK, EXIT_USAGE } from '../spec.js';
import { weakenSource } from '../../fix/weaken.js';
import { getFixFormatter } from '../../report/fix-formats.js';
import { formatDiagnosticsFor } from '../diag-output.js';
import { fixFormatOption, fixInput } from '../fix-common.js';
import { colorOption, formatContext, runOptionSpecs } from '../report-options.js';

const options: OptionSpec[] = [fixFormatOption, ...runOptionSpecs, colorOption];

export const weakenCommand: CommandSpec = {
  name: 'weaken',
  description: 'for a test whose outcome is Never, tell which barriers and annotations can be removed or weakened (each verified by a re-run)',
  args: '<file>',
  options,
  async action(paths, o, io) {
    const input = fixInput('weaken', paths, o, io);
    if (!input) return EXIT_USAGE;
    const ctx = formatContext('weaken', options, o, paths, io);
    const report = weakenSource(input.source, input.file, input.run);
    if (report.diagnostics.length > 0) {
      io.err(formatDiagnosticsFor(input.file, report.diagnostics, ctx.color));
      return EXIT_USAGE;
    }
    io.out(getFixFormatter(String(o.format)).weaken(report, ctx));
    return report.status === 'not-never' ? EXIT_MISMATCH : EXIT_OK;
  },
};
