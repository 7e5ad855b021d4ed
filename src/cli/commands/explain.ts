import { writeFileSync } from 'node:fs';
import type { CommandSpec, Io, OptionSpec } from '../spec.js';
import { EXIT_OK, EXIT_USAGE } from '../spec.js';
import { collectLitmusFiles } from '../files.js';
import { runFile } from '../../engine/pipeline.js';
import { getFormatter } from '../../report/registry.js';
import { explanationDot } from '../../report/dot.js';
import { explanationSvg } from '../../report/svg.js';
import { formatDiagnosticsFor } from '../diag-output.js';
import { colorOption, formatContext, formatOption, runOptionSpecs, runOptionsFrom } from '../report-options.js';
import { loadMacrosOption } from '../macros.js';

const options: OptionSpec[] = [
  formatOption,
  ...runOptionSpecs,
  { flags: '--dot <file>', description: 'write the witness (or the top-ranked reason and its cycle) as Graphviz DOT' },
  { flags: '--svg <file>', description: 'draw the witness (or the top-ranked reason, its cycle highlighted) as an SVG execution graph' },
  colorOption,
];

/** Writes an output file; a file that cannot be written is a usage error with its reason. */
function writeOut(file: string, text: string, io: Io): boolean {
  try {
    writeFileSync(file, text);
    return true;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message;
    io.err(`litmus-check explain: cannot write ${file}: ${why}\n`);
    return false;
  }
}

export const explainCommand: CommandSpec = {
  name: 'explain',
  description: 'say why: a witness execution for a reachable outcome, or the violated axiom as a cycle on source lines',
  args: '<file>',
  options,
  async action(paths, o, io) {
    const { files, missing } = collectLitmusFiles(paths);
    if (missing.length || files.length !== 1) {
      io.err(`litmus-check explain: ${missing.length ? `${missing[0]}: no such file or directory` : 'expects exactly one litmus file'}\n`);
      return EXIT_USAGE;
    }
    const ctx = formatContext('explain', options, o, paths, io);
    const macros = loadMacrosOption(o, io);
    if (!macros.ok) return EXIT_USAGE;
    const r = runFile(files[0]!, { ...runOptionsFrom(o, io), ...(macros.registry ? { registry: macros.registry } : {}), explain: true });
    r.seconds = 0;
    if (r.status === 'error') {
      io.err(formatDiagnosticsFor(r.file, r.diagnostics, ctx.color));
      return EXIT_USAGE;
    }
    io.out(getFormatter(String(o.format)).format([r], ctx));
    if (o.dot && r.explanation) {
      const dot = explanationDot(r.name, r.explanation);
      if (!dot) io.err('litmus-check explain: nothing to draw\n');
      else if (!writeOut(String(o.dot), dot, io)) return EXIT_USAGE;
    }
    if (o.svg && r.explanation) {
      const svg = explanationSvg(r.name, r.explanation);
      if (!svg) io.err('litmus-check explain: nothing to draw\n');
      else if (!writeOut(String(o.svg), svg, io)) return EXIT_USAGE;
    }
    return EXIT_OK;
  },
};
