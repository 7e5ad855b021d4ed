// `litmus-check lower FILE`: writes the test in plain LKMM primitives, for
// herd7 (src/lower/). stdout (or -o FILE): the lowered test; stderr: what
// was rewritten, the soundness note of an extension, or why it cannot be
// lowered, each refusal as `file:line:col: error: message`.
// Exit: 0 lowered (or already plain LKMM: the test is printed unchanged),
// 1 refused, 2 usage or parse error.
import { readFileSync, writeFileSync } from 'node:fs';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/format.js';
import { parseLitmus } from '../../litmus/parse.js';
import { defaultRegistry } from '../../kernel/primitives.js';
import { lowerTest } from '../../lower/lower.js';
import { useColor } from '../../report/color.js';
import { formatDiagnosticsFor } from '../diag-output.js';
import { collectLitmusFiles } from '../files.js';
import { loadMacrosOption, macrosOption } from '../macros.js';
import { EXIT_MISMATCH, EXIT_OK, EXIT_USAGE, type CommandSpec } from '../spec.js';

export const lowerCommand: CommandSpec = {
  name: 'lower',
  description: 'write the test in plain LKMM primitives that herd7 can run (the mm vocabulary expanded, IRQ-off sections as RCU when sound), or say why it cannot be',
  args: '<file>',
  options: [
    { flags: '-o, --output <file>', description: 'write the lowered test to this file instead of stdout' },
    { flags: '-q, --quiet', description: 'do not list the rewrites on stderr' },
    macrosOption,
    { flags: '--no-color', description: 'never colour the output' },
  ],
  async action(paths, o, io) {
    const { files, missing } = collectLitmusFiles(paths);
    if (missing.length || files.length !== 1) {
      io.err(`litmus-check lower: ${missing.length ? `${missing[0]}: no such file or directory` : 'expects exactly one litmus file'}\n`);
      return EXIT_USAGE;
    }
    const macros = loadMacrosOption(o, io);
    if (!macros.ok) return EXIT_USAGE;
    const file = files[0]!;
    const color = useColor({ flag: o.color as boolean | undefined, isTTY: io.isTTY });
    const source = readFileSync(file, 'utf8');
    const registry = macros.registry ?? defaultRegistry();
    const parsed = parseLitmus(source, file, registry);
    if (!parsed.test || hasErrors(parsed.diagnostics)) {
      io.err(formatDiagnosticsFor(file, parsed.diagnostics, color));
      return EXIT_USAGE;
    }
    const out = lowerTest(parsed.test, registry, { file });
    if (out.status === 'refused') {
      const diags = out.refusals.map((r): Diagnostic => ({ severity: 'error', code: 'lower-refused', message: `herd7 cannot run this after lowering: ${r.message}`, file, range: r.range }));
      io.err(formatDiagnostics(diags, source, { color }));
      io.err(`litmus-check lower: ${file} cannot be lowered to plain LKMM (${out.refusals.length} reason${out.refusals.length === 1 ? '' : 's'} above)\n`);
      return EXIT_MISMATCH;
    }
    const text = out.status === 'lowered' ? out.text! : source;
    if (o.output !== undefined) writeFileSync(String(o.output), text);
    else io.out(text);
    if (!o.quiet) {
      if (out.status === 'native') io.err(`litmus-check lower: ${file} is plain LKMM already; herd7 runs it as is\n`);
      else {
        io.err(`litmus-check lower: ${out.rewrites.length} call${out.rewrites.length === 1 ? '' : 's'} rewritten${out.helpers.length ? ` (${out.helpers.join(', ')})` : ''}\n`);
        for (const n of out.notes) io.err(`  ${n}\n`);
      }
    }
    return EXIT_OK;
  },
};
