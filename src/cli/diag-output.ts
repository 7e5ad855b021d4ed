import { sourceForFrames } from '../limits/read-text.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';

/** Formats a file's diagnostics with code frames (reading the source once; a diagnostic in another file, such as a model's, reads that one). */
export function formatDiagnosticsFor(file: string, diags: readonly Diagnostic[], color = false): string {
  const source = sourceForFrames(file);
  return diags.map((d) => formatDiagnostic(d, d.file === file ? source : sourceForFrames(d.file), { color }) + '\n').join('');
}
