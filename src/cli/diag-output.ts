import { sourceForFrames } from '../limits/read-text.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostic } from '../diagnostics/format.js';

/** Formats a file's diagnostics with code frames (reading the source once). */
export function formatDiagnosticsFor(file: string, diags: readonly Diagnostic[], color = false): string {
  const source = sourceForFrames(file);
  return diags.map((d) => formatDiagnostic(d, source, { color }) + '\n').join('');
}
