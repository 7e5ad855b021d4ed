// `--macros FILE`: user mappings in herd's .def syntax, added to a copy of the
// built-in registry. Shared by parse, run, check and primitives.
import { formatDiagnostics } from '../diagnostics/format.js';
import { loadDefFile, registryWith } from '../kernel/def-file.js';
import type { PrimitiveDef, PrimitiveRegistry } from '../kernel/primitives.js';
import { useColor } from '../report/color.js';
import type { Io, OptionSpec } from './spec.js';

export const macrosOption: OptionSpec = {
  flags: '--macros <file>',
  description: "extra primitives in herd's .def syntax (e.g. name(X,V) { __store{ONCE}(X,V); })",
};

export type MacrosLoad =
  | { ok: true; registry?: PrimitiveRegistry; defs: PrimitiveDef[] }
  | { ok: false };

/**
 * Loads `o.macros` when given. On errors, prints them (file:line:col: error: ...
 * with a code frame) on stderr and returns `{ ok: false }`: the caller exits 2.
 */
export function loadMacrosOption(o: Record<string, unknown>, io: Io): MacrosLoad {
  if (o.macros === undefined || o.macros === false) return { ok: true, defs: [] };
  const file = String(o.macros);
  const loaded = loadDefFile(file);
  if (loaded.diagnostics.length > 0) {
    const color = useColor({ flag: o.color as boolean | undefined, isTTY: Boolean(io.errIsTTY) });
    io.err(formatDiagnostics(loaded.diagnostics, loaded.source, { color }));
    const n = loaded.diagnostics.length;
    io.err(`litmus-check: ${file}: ${n} error${n === 1 ? '' : 's'} in the macro file\n`);
    return { ok: false };
  }
  return { ok: true, registry: registryWith(loaded.defs), defs: loaded.defs };
}
