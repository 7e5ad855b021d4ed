// What `fix` and `weaken` share: one litmus file in, its source, the macro
// registry and the run options, or a usage error printed on stderr.
import { readTestFile } from '../limits/read-text.js';
import { formatDiagnosticsFor } from './diag-output.js';
import type { RunOptions } from '../engine/pipeline.js';
import { FIX_FORMAT_NAMES } from '../report/fix-formats.js';
import { collectLitmusFiles } from './files.js';
import { loadMacrosOption } from './macros.js';
import { runOptionsFrom } from './report-options.js';
import { builtinModelOnly } from './model-options.js';
import type { Io, OptionSpec } from './spec.js';

export const fixFormatOption: OptionSpec = {
  flags: '--format <name>', description: 'output format', defaultValue: 'text', choices: [...FIX_FORMAT_NAMES],
};

export interface FixInput {
  file: string;
  source: string;
  run: RunOptions;
}

/** The one file named, read, with the run options; undefined after printing why not (exit 2). */
export function fixInput(command: string, paths: string[], o: Record<string, unknown>, io: Io): FixInput | undefined {
  const { files, missing } = collectLitmusFiles(paths);
  if (missing.length || files.length !== 1) {
    io.err(`litmus-check ${command}: ${missing.length ? `${missing[0]}: no such file or directory` : 'expects exactly one litmus file'}\n`);
    return undefined;
  }
  const macros = loadMacrosOption(o, io);
  if (!macros.ok || !builtinModelOnly(command, o, io)) return undefined;
  const file = files[0]!;
  const read = readTestFile(file);
  if (!read.ok) {
    io.err(formatDiagnosticsFor(file, [read.diagnostic]));
    return undefined;
  }
  const source = read.text;
  const run = { ...runOptionsFrom(o, io), ...(macros.registry ? { registry: macros.registry } : {}) };
  // The whole search for a fix stays within --timeout, as one test does.
  if (run.timeoutMs !== undefined) run.limits = { deadline: Date.now() + run.timeoutMs, timeoutMs: run.timeoutMs };
  delete run.explain;
  return { file, source, run };
}
